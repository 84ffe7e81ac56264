using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>LFS details of a repository file.</summary>
public sealed class RepoLfsInfo
{
    /// <summary>Size of the content in bytes.</summary>
    [JsonPropertyName("size")]
    public long Size { get; init; }

    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    [JsonPropertyName("sha256")]
    public string? Sha256 { get; init; }

    /// <summary>Size of the pointer file in git.</summary>
    [JsonPropertyName("pointerSize")]
    public long? PointerSize { get; init; }
}
