using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Buckets;

/// <summary>One NDJSON line of <c>POST /api/buckets/{ns}/{name}/batch</c> that deletes a file.</summary>
internal sealed class BucketDeleteFileOperation
{
    [JsonPropertyName("type")]
    public string Type => "deleteFile";

    [JsonPropertyName("path")]
    public required string Path { get; init; }
}
