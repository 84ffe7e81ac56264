using System.Buffers;
using System.Security.Cryptography;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// Content-addressed file storage under <c>{dataRoot}/blobs/</c>, keyed by SHA-256. Regular commit files and
/// LFS uploads share it; LFS uploads are streamed to disk while hashing, never buffered whole.
/// </summary>
internal sealed class BlobStore
{
    private readonly string _root;
    private readonly string _incoming;

    public BlobStore(string dataRoot)
    {
        _root = Path.Combine(dataRoot, "blobs");
        _incoming = Path.Combine(dataRoot, "incoming");
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_incoming);
    }

    /// <summary>The path of the blob with this SHA-256 (it may not exist).</summary>
    public string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256);

    /// <summary>True when an object with this SHA-256 is stored; gives its size.</summary>
    public bool TryGet(string sha256, out long size)
    {
        size = 0;
        if (!IsSha256(sha256))
        {
            return false;
        }

        var info = new FileInfo(PathOf(sha256));
        if (!info.Exists)
        {
            return false;
        }

        size = info.Length;
        return true;
    }

    /// <summary>Stores a regular file's bytes and returns the tree entry.</summary>
    public async Task<RepoFile> StoreRegularAsync(string path, byte[] data, bool isLfs, CancellationToken cancellationToken)
    {
        var sha = Hashes.Sha256Hex(data);
        var target = PathOf(sha);
        if (!File.Exists(target))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temp = Path.Combine(_incoming, Guid.NewGuid().ToString("N"));
            await File.WriteAllBytesAsync(temp, data, cancellationToken).ConfigureAwait(false);
            File.Move(temp, target, overwrite: true);
        }

        return new RepoFile(path, data.Length, isLfs, target, sha, isLfs ? null : Hashes.GitBlobOid(data), patternSeed: null);
    }

    /// <summary>
    /// Streams <paramref name="body"/> to disk while hashing it. Keeps it only if its SHA-256 is <paramref name="expectedSha256"/>
    /// (and its size <paramref name="expectedSize"/> when given). Returns null on success, else the reason.
    /// </summary>
    public async Task<string?> StoreStreamAsync(Stream body, string expectedSha256, long? expectedSize, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(_incoming, Guid.NewGuid().ToString("N"));
        long written = 0;
        string actual;
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (file.ConfigureAwait(false))
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    written += read;
                }
            }

            actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(temp);
            return $"SHA-256 mismatch: the uploaded content hashes to {actual}, the URL names {expectedSha256}";
        }

        if (expectedSize is { } size && size != written)
        {
            File.Delete(temp);
            return $"Size mismatch: received {written} bytes, the batch request announced {size}";
        }

        var target = PathOf(actual);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(temp, target, overwrite: true);
        return null;
    }

    /// <summary>64 lowercase or uppercase hex characters.</summary>
    public static bool IsSha256(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigit);
}
