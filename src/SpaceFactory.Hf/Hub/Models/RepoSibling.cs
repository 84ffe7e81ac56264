using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>A file of a repository (<c>siblings[]</c> of repository info).</summary>
public sealed class RepoSibling
{
    /// <summary>Path of the file in the repository (<c>rfilename</c>).</summary>
    [JsonPropertyName("rfilename")]
    public string Path { get; init; } = string.Empty;

    /// <summary>Size in bytes, when the info was requested with file metadata.</summary>
    [JsonPropertyName("size")]
    public long? Size { get; init; }

    /// <summary>Git blob id.</summary>
    [JsonPropertyName("blobId")]
    public string? BlobId { get; init; }

    /// <summary>LFS details when the file is stored in LFS.</summary>
    [JsonPropertyName("lfs")]
    public RepoLfsInfo? Lfs { get; init; }
}
