using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Buckets;

/// <summary>A Storage Bucket as the Hub describes it (<c>GET /api/buckets/{ns}/{name}</c>).</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF002")]
public sealed record BucketInfo
{
    /// <summary>The bucket id, <c>namespace/name</c>.</summary>
    [JsonPropertyName("id")]
    [JsonRequired]
    public required string Id { get; init; }

    /// <summary>Whether only the owner can read it.</summary>
    [JsonPropertyName("private")]
    public bool Private { get; init; }

    /// <summary>When it was created.</summary>
    [JsonPropertyName("createdAt")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Total size of its files in bytes.</summary>
    [JsonPropertyName("size")]
    public long? Size { get; init; }

    /// <summary>Number of files.</summary>
    [JsonPropertyName("totalFiles")]
    public long? TotalFiles { get; init; }
}
