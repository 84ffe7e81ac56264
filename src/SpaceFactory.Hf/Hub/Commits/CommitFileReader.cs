using System.Buffers;
using System.Security.Cryptography;

namespace SpaceFactory.Hf.Hub;

/// <summary>Reads commit file sources in one pass each: size and sample for preupload, SHA-256 for LFS.</summary>
internal static class CommitFileReader
{
    /// <summary>Bytes of a file's start sent as <c>sample</c> to preupload.</summary>
    public const int SampleSize = 512;

    private const int BufferSize = 1024 * 1024;

    /// <summary>Size (known, from a seekable stream, or counted) and the base64 of the first 512 bytes.</summary>
    public static async Task<PreparedFile> PrepareAsync(CommitFileAddition addition, CancellationToken cancellationToken)
    {
        var stream = addition.Source.Open();
        await using (stream.ConfigureAwait(false))
        {
            var start = stream.CanSeek ? stream.Position : 0;
            var sample = new byte[SampleSize];
            var sampled = await stream.ReadAtLeastAsync(sample, SampleSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            long size;
            if (addition.Source.KnownLength is { } known)
            {
                size = known;
                if (known < sampled)
                {
                    throw new InvalidOperationException(
                        $"The content of '{addition.PathInRepo}' is longer than the {known} bytes announced for it.");
                }
            }
            else if (stream.CanSeek)
            {
                size = stream.Length - start;
            }
            else
            {
                size = sampled + await CountRemainingAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            return new PreparedFile(addition, size, Convert.ToBase64String(sample, 0, sampled));
        }
    }

    /// <summary>
    /// SHA-256 of the content (lower-case hex), checking that exactly <see cref="PreparedFile.Size"/> bytes are read.
    /// Two buffers take turns: the next read is in flight while the current buffer is hashed, so on two cores the
    /// pass costs about the longer of reading and hashing, not their sum.
    /// </summary>
    public static async Task<string> Sha256Async(PreparedFile file, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var current = ArrayPool<byte>.Shared.Rent(BufferSize);
        var next = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var stream = file.Source.Open();
            await using (stream.ConfigureAwait(false))
            {
                long total = 0;
                var read = await stream.ReadAsync(current.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false);
                while (read > 0)
                {
                    var pending = stream.ReadAsync(next.AsMemory(0, BufferSize), cancellationToken);
                    hash.AppendData(current, 0, read);
                    total += read;
                    read = await pending.ConfigureAwait(false);
                    (current, next) = (next, current);
                }

                if (total != file.Size)
                {
                    throw new InvalidOperationException(
                        $"The content of '{file.Path}' changed during the commit: {file.Size} bytes were announced, {total} were read.");
                }
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
        }
    }

    private static async Task<long> CountRemainingAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
