using System.Text.Json.Serialization;

namespace SpaceFactory.Sandbox.Buckets;

/// <summary>Request bodies of the Buckets API.</summary>
internal static class BucketsWire
{
    /// <summary><c>POST /api/buckets/{ns}/{name}</c> (PY sends <c>private</c>, JS <c>visibility</c>).</summary>
    public sealed class CreateRequest
    {
        [JsonPropertyName("private")] public bool? Private { get; set; }

        [JsonPropertyName("visibility")] public string? Visibility { get; set; }

        [JsonPropertyName("region")] public string? Region { get; set; }
    }

    /// <summary><c>POST .../paths-info</c>.</summary>
    public sealed class PathsInfoRequest
    {
        [JsonPropertyName("paths")] public List<string>? Paths { get; set; }
    }
}
