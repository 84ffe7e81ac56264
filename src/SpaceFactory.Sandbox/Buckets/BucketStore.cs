using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SpaceFactory.Sandbox.Buckets;

/// <summary>Buckets on disk under <c>{dataRoot}/buckets/{ns}/{name}/</c>.</summary>
internal sealed class BucketStore(SandboxServices services)
{
    private readonly ConcurrentDictionary<string, SandboxBucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (long Length, DateTime Modified, string Hash)> _hashes = new(StringComparer.Ordinal);

    public IEnumerable<SandboxBucket> All => _buckets.Values;

    public SandboxBucket? Find(string ns, string name) => _buckets.TryGetValue(ns + "/" + name, out var bucket) ? bucket : null;

    /// <summary>Creates a bucket; null when it exists.</summary>
    public SandboxBucket? TryCreate(string ns, string name, bool isPrivate, DateTimeOffset? createdAt = null)
    {
        var folder = Path.Combine(services.DataRoot, "buckets", ns, name);
        var bucket = new SandboxBucket(ns, name, isPrivate, createdAt ?? services.TimeProvider.GetUtcNow(), folder);
        if (!_buckets.TryAdd(bucket.Id, bucket))
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        return bucket;
    }

    public bool Remove(SandboxBucket bucket)
    {
        if (!_buckets.TryRemove(bucket.Id, out _))
        {
            return false;
        }

        try
        {
            Directory.Delete(bucket.Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }

        return true;
    }

    /// <summary>
    /// A stand-in for the file's Xet hash: the SHA-256 of its content (64 hex), cached by size and modification time.
    /// </summary>
    public string ContentHash(FileInfo file)
    {
        if (_hashes.TryGetValue(file.FullName, out var cached) && cached.Length == file.Length && cached.Modified == file.LastWriteTimeUtc)
        {
            return cached.Hash;
        }

        using var stream = file.OpenRead();
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        _hashes[file.FullName] = (file.Length, file.LastWriteTimeUtc, hash);
        return hash;
    }
}
