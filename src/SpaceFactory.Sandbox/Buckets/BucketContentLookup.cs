using SpaceFactory.Sandbox.Hub;

namespace SpaceFactory.Sandbox.Buckets;

/// <summary>
/// Finds content the Sandbox already holds by its Xet hash (the Sandbox's stand-in: the SHA-256 of the content), for the
/// bucket <c>/batch</c> <c>addFile</c> and <c>copyFile</c> lines: in buckets, and for copies also in repos' heads.
/// </summary>
internal sealed class BucketContentLookup(SandboxServices services)
{
    /// <summary>Opens the content with this hash in any bucket the caller may read, or null.</summary>
    public Func<Stream>? InAnyBucket(string xetHash, Func<SandboxBucket, bool> readable)
        => services.Buckets.All.Where(readable).Select(b => InBucket(b, xetHash)).FirstOrDefault(open => open is not null);

    /// <summary>Opens the content with this hash in one bucket, or null.</summary>
    public Func<Stream>? InBucket(SandboxBucket bucket, string xetHash)
    {
        if (!Directory.Exists(bucket.Folder))
        {
            return null;
        }

        var file = new DirectoryInfo(bucket.Folder).EnumerateFiles("*", SearchOption.AllDirectories)
            .FirstOrDefault(f => string.Equals(services.Buckets.ContentHash(f), xetHash, StringComparison.OrdinalIgnoreCase));
        return file is null ? null : () => file.OpenRead();
    }

    /// <summary>Opens the content with this hash at the head of a repo, or null.</summary>
    public static Func<Stream>? InRepo(Repo repo, string xetHash)
        => repo.Head.Tree.Values.FirstOrDefault(f => string.Equals(f.Sha256, xetHash, StringComparison.OrdinalIgnoreCase)) is { } file ? file.Open : null;
}
