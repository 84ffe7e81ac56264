using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Buckets;

/// <summary>Body of <c>POST /api/buckets/{ns}/{name}</c>.</summary>
internal sealed class BucketCreateRequest
{
    [JsonPropertyName("private")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Private { get; init; }

    [JsonPropertyName("resourceGroupId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ResourceGroupId { get; init; }

    [JsonPropertyName("region")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Region { get; init; }
}
