using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;

namespace SpaceFactory.Scenarios.Workloads;

/// <summary>P4's floor: the two passes the LFS protocol needs, each done the simplest fast way, timed apart.</summary>
internal static class LfsFloor
{
    private const int BufferSize = 1024 * 1024;

    /// <summary>Seconds to SHA-256 the file with 1 MiB synchronous reads (no overlap): what <c>sha256sum</c> does.</summary>
    public static Task<double> HashOnlyAsync(string path, CancellationToken cancellationToken) => Task.Run(() =>
    {
        var started = Stopwatch.GetTimestamp();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = file.Read(buffer, 0, BufferSize)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
            }

            _ = hash.GetHashAndReset();
            return Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }, cancellationToken);

    /// <summary>Seconds for one bare PUT of the file (1 MiB copy buffer, known length) to <paramref name="href"/>.</summary>
    public static async Task<double> RawPutAsync(Uri href, string path, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        var started = Stopwatch.GetTimestamp();
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            using var content = new StreamContent(file, BufferSize) { Headers = { ContentLength = file.Length } };
            using var answer = await http.PutAsync(href, content, cancellationToken).ConfigureAwait(false);
            answer.EnsureSuccessStatusCode();
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
