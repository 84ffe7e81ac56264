using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Buckets;

/// <summary>A file or directory in a bucket (entries of <c>tree</c> and <c>paths-info</c>).</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF002")]
public sealed record BucketEntry
{
    /// <summary>File or directory.</summary>
    [JsonPropertyName("type")]
    public BucketEntryType Type { get; init; }

    /// <summary>The path from the bucket's root, e.g. <c>checkpoints/model.safetensors</c>.</summary>
    [JsonPropertyName("path")]
    [JsonRequired]
    public required string Path { get; init; }

    /// <summary>Size in bytes (files).</summary>
    [JsonPropertyName("size")]
    public long? Size { get; init; }

    /// <summary>The Xet content hash, 64 lowercase hex digits (files).</summary>
    [JsonPropertyName("xetHash")]
    public string? XetHash { get; init; }

    /// <summary>The file's modification time as uploaded.</summary>
    [JsonPropertyName("mtime")]
    public DateTimeOffset? ModifiedAt { get; init; }

    /// <summary>When the file reached the bucket.</summary>
    [JsonPropertyName("uploadedAt")]
    public DateTimeOffset? UploadedAt { get; init; }

    /// <summary>Whether this is a file.</summary>
    [JsonIgnore]
    public bool IsFile => Type == BucketEntryType.File;

    /// <summary>Whether this is a directory.</summary>
    [JsonIgnore]
    public bool IsDirectory => Type == BucketEntryType.Directory;
}
