namespace SpaceFactory.Hf.Hub;

/// <summary>An added file on its way through a commit: size and sample, the Hub's decision, and its SHA-256 for LFS.</summary>
internal sealed class PreparedFile(CommitFileAddition addition, long size, string sample)
{
    public CommitFileAddition Addition { get; } = addition;

    public string Path => Addition.PathInRepo;

    public CommitFileSource Source => Addition.Source;

    public long Size { get; } = size;

    /// <summary>Base64 of the first 512 bytes, as preupload expects.</summary>
    public string Sample { get; } = sample;

    /// <summary>Whether the Hub wants it through LFS (<c>uploadMode: "lfs"</c>).</summary>
    public bool IsLfs { get; set; }

    /// <summary>Whether the Hub said to leave it out (<c>shouldIgnore</c>, e.g. matched by .gitignore).</summary>
    public bool ShouldIgnore { get; set; }

    /// <summary>SHA-256 of the content, lower-case hex (LFS files only).</summary>
    public string? Sha256 { get; set; }
}
