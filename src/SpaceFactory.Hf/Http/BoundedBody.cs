using System.Buffers;

namespace SpaceFactory.Hf.Http;

/// <summary>
/// Reads a response body into memory up to a limit, so that an endless or oversized answer from a hostile or broken
/// server costs at most the limit (never the whole stream) before the read is given up.
/// </summary>
internal static class BoundedBody
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Reads at most <paramref name="maxBytes"/> bytes of <paramref name="content"/>.</summary>
    /// <returns>The bytes read, and whether they are the whole body (false when more was on its way).</returns>
    public static async Task<(byte[] Bytes, bool Complete)> ReadAtMostAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAtMostAsync(stream, maxBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> bytes of <paramref name="stream"/> (which the caller disposes).</summary>
    /// <returns>The bytes read, and whether they are the whole stream (false when more was on its way).</returns>
    public static async Task<(byte[] Bytes, bool Complete)> ReadAtMostAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            while (true)
            {
                // One byte past the limit tells "exactly the limit" from "more than the limit".
                var room = (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length);
                var read = await stream.ReadAsync(chunk.AsMemory(0, room), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer.ToArray(), true);
                }

                if (buffer.Length + read > maxBytes)
                {
                    buffer.Write(chunk, 0, (int)(maxBytes - buffer.Length));
                    return (buffer.ToArray(), false);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>A byte count in words: "16 MiB", "512 KiB", "300 bytes".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KiB",
        _ => $"{bytes} bytes",
    };
}
