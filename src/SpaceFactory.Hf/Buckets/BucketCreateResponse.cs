using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Buckets;

/// <summary>Answer of <c>POST /api/buckets/{ns}/{name}</c>.</summary>
internal sealed class BucketCreateResponse
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }
}
