using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>
/// Streams a <see cref="LogBuffer"/> as the Hub's log SSE: one <c>data: {"data","timestamp"}</c> event a line,
/// <c>: keep-alive</c> comments while idle, and the end of the body once the log is complete.
/// </summary>
internal static class LogStreamWriter
{
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    public static async Task WriteAsync(HttpContext context, LogBuffer log, int? tail, TimeProvider timeProvider, TimeSpan keepAlive)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        var ct = context.RequestAborted;
        await response.Body.FlushAsync(ct).ConfigureAwait(false);

        var count = log.Count;
        var position = tail is { } t && t >= 0 && t < count ? count - t : 0;
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var writer = new Utf8JsonWriter(buffer, SandboxJsonContext.WriterOptions);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var (lines, completed, changed) = log.Read(position, 8192);
                if (lines.Count > 0)
                {
                    buffer.ResetWrittenCount();
                    foreach (var line in lines)
                    {
                        WriteEvent(buffer, writer, line);
                        position++;
                        if (buffer.WrittenCount >= 60 * 1024)
                        {
                            await response.Body.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
                            buffer.ResetWrittenCount();
                        }
                    }

                    await response.Body.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                    continue;
                }

                if (completed)
                {
                    return;
                }

                using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var delay = Task.Delay(keepAlive, timeProvider, idle.Token);
                var winner = await Task.WhenAny(changed, delay).ConfigureAwait(false);
                await idle.CancelAsync().ConfigureAwait(false);
                if (winner == delay && !ct.IsCancellationRequested)
                {
                    await response.Body.WriteAsync(KeepAlive, ct).ConfigureAwait(false);
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static void WriteEvent(ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, LogLine line)
    {
        buffer.Write("data: "u8);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("data"u8, line.Text);
        Span<byte> timestamp = stackalloc byte[32];
        line.Timestamp.UtcDateTime.TryFormat(timestamp, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        writer.WriteString("timestamp"u8, timestamp[..written]);
        writer.WriteEndObject();
        writer.Flush();
        buffer.Write("\n\n"u8);
    }

    /// <summary>ISO-8601 UTC with milliseconds, like <c>2025-07-22T16:06:31.079Z</c>.</summary>
    public static string FormatTimestamp(DateTimeOffset value)
        => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
