namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// One file of a commit's tree. Content lives in the blob store (<see cref="BlobPath"/>) or, for seeded weights,
/// is a deterministic pattern of <see cref="Size"/> bytes (<see cref="PatternSeed"/>).
/// </summary>
internal sealed class RepoFile(string path, long size, bool isLfs, string? blobPath, string? sha256, string? gitOid, int? patternSeed)
{
    private string? _sha256 = sha256;
    private string? _gitOid = gitOid;

    public string Path { get; } = path;

    public long Size { get; } = size;

    public bool IsLfs { get; } = isLfs;

    public string? BlobPath { get; } = blobPath;

    public int? PatternSeed { get; } = patternSeed;

    /// <summary>Opens the content for reading (seekable).</summary>
    public Stream Open() => BlobPath is not null
        ? new FileStream(BlobPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan)
        : new PatternStream(Size, PatternSeed ?? 0);

    /// <summary>SHA-256 of the content (lowercase hex), computed once on demand.</summary>
    public string Sha256 => _sha256 ??= Hashes.Sha256Hex(Open);

    /// <summary>The git blob id (SHA-1 of <c>blob N\0</c> + content) for regular files; the SHA-256 for LFS files.</summary>
    public string GitOid => IsLfs ? Sha256 : _gitOid ??= Hashes.GitBlobOid(Open, Size);

    /// <summary>The text git stores for an LFS file (the pointer); null for regular files.</summary>
    public string? LfsPointer => IsLfs
        ? "version https://git-lfs.github.com/spec/v1\noid sha256:" + Sha256 + "\nsize " + Size.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n"
        : null;

    /// <summary>The id of the blob git holds: the pointer's blob for LFS files, the content's otherwise (<c>oid</c>, <c>blobId</c>).</summary>
    public string BlobId => LfsPointer is { } pointer ? Hashes.GitBlobOid(System.Text.Encoding.UTF8.GetBytes(pointer)) : GitOid;

    /// <summary>The ETag the Hub sends on resolve: the git oid for regular files, the SHA-256 for LFS files.</summary>
    public string ETag => "\"" + GitOid + "\"";
}
