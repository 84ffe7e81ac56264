using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Buckets;

/// <summary>Body of <c>POST /api/buckets/{ns}/{name}/paths-info</c>.</summary>
internal sealed class BucketPathsInfoRequest
{
    [JsonPropertyName("paths")]
    public required IReadOnlyList<string> Paths { get; init; }
}
