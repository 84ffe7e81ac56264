using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SpaceFactory.Core.Records;

/// <summary>Reads <c>events.jsonl</c>: complete lines only (a line without its <c>\n</c> was torn by a crash).</summary>
public static class RunEventLog
{
    /// <summary>Reads the complete event lines of <paramref name="stream"/> whose <c>seq</c> is above <paramref name="afterSeq"/>.</summary>
    /// <param name="stream">The content of an <c>events.jsonl</c>.</param>
    /// <param name="afterSeq">Events up to this sequence number are skipped.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events in order; unreadable lines are skipped.</returns>
    public static async IAsyncEnumerable<RunEvent> ReadAsync(Stream stream, long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var pending = new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                ReadOnlyMemory<byte> line;
                if (pending.Length > 0)
                {
                    pending.Write(buffer, start, i - start);
                    line = pending.ToArray();
                    pending.SetLength(0);
                }
                else
                {
                    line = buffer.AsMemory(start, i - start);
                }

                start = i + 1;
                var parsed = Parse(line.Span);
                if (parsed is not null && parsed.Seq > afterSeq)
                {
                    yield return parsed;
                }
            }

            pending.Write(buffer, start, read - start);
        }
    }

    /// <summary>The event on one line, or <see langword="null"/> for a blank or unreadable line.</summary>
    internal static RunEvent? Parse(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || line.Trim(" \t\r"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(line, CoreJsonContext.Default.RunEvent);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The length of the complete-lines prefix of <paramref name="content"/> and the last complete seq in it.</summary>
    internal static (long CompleteLength, long LastSeq) Scan(ReadOnlySpan<byte> content)
    {
        var lastNewline = content.LastIndexOf((byte)'\n');
        if (lastNewline < 0)
        {
            return (0, 0);
        }

        var complete = content[..(lastNewline + 1)];
        var end = complete.Length - 1;
        while (end > 0)
        {
            var previous = complete[..end].LastIndexOf((byte)'\n');
            var parsed = Parse(complete[(previous + 1)..end]);
            if (parsed is not null)
            {
                return (complete.Length, parsed.Seq);
            }

            end = previous;
        }

        return (complete.Length, 0);
    }
}
