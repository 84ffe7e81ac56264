using System.Text.Json.Serialization;

namespace SpaceFactory.Sandbox.Buckets;

/// <summary>Request and answer bodies of the Buckets API (names and order as <c>huggingface_hub</c>'s <c>BucketInfo</c>, <c>BucketFile</c> read them).</summary>
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

    /// <summary><c>GET /api/buckets/{ns}/{name}</c> and each entry of <c>GET /api/buckets/{ns}</c>.</summary>
    public sealed record BucketInfo(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("private")] bool Private,
        [property: JsonPropertyName("createdAt")] string CreatedAt,
        [property: JsonPropertyName("size")] long Size,
        [property: JsonPropertyName("totalFiles")] int TotalFiles);

    /// <summary>The answer of a create: the bucket's URL and id (also as <c>name</c>).</summary>
    public sealed record CreatedBucket(
        [property: JsonPropertyName("url")] string Url,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("id")] string Id);

    /// <summary>The 409 of a create when the bucket exists: the error and the existing bucket's URL.</summary>
    public sealed record BucketConflict(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("url")] string Url);

    /// <summary>
    /// One entry of <c>tree</c> and <c>paths-info</c>: a file (size, Xet hash, mtime) or, in a non-recursive tree, a
    /// directory (type, path and upload time only).
    /// </summary>
    public sealed record BucketEntry(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("path")] string Path,
        [property: JsonPropertyName("size")] long? Size,
        [property: JsonPropertyName("xetHash")] string? XetHash,
        [property: JsonPropertyName("mtime")] string? Mtime,
        [property: JsonPropertyName("uploadedAt")] string UploadedAt);

    /// <summary>The answer of <c>POST .../batch</c> (422 when a line failed).</summary>
    public sealed record BatchResult(
        [property: JsonPropertyName("success")] bool Success,
        [property: JsonPropertyName("processed")] int Processed,
        [property: JsonPropertyName("succeeded")] int Succeeded,
        [property: JsonPropertyName("failed")] IReadOnlyList<BatchFailure> Failed);

    /// <summary>One failed line of a batch.</summary>
    public sealed record BatchFailure(
        [property: JsonPropertyName("path")] string Path,
        [property: JsonPropertyName("error")] string Error);
}
