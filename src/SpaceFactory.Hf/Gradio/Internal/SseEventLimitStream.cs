using System.Runtime.CompilerServices;

namespace SpaceFactory.Hf.Gradio.Internal;

/// <summary>
/// Wraps a server-sent-event body and fails with a <see cref="GradioProtocolException"/> as soon as one line or one
/// event (the lines up to a blank line) grows past the limit, so that a stream that never ends its line cannot make
/// the SSE parser buffer it without end. Counting happens on the bytes as they arrive, before any parsing.
/// </summary>
internal sealed class SseEventLimitStream(Stream inner, long maxEventBytes, string description) : Http.AsyncReadOnlyStream(inner, "Result streams")
{
    private long _eventBytes;
    private bool _lineEmpty = true;
    private bool _afterCarriageReturn;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = Inner.ReadAsync(buffer, cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            var count = read.Result;
            Count(buffer.Span[..count]);
            return new ValueTask<int>(count);
        }

        return CountWhenReadAsync(read, buffer);
    }

    private async ValueTask<int> CountWhenReadAsync(ValueTask<int> read, Memory<byte> buffer)
    {
        var count = await read.ConfigureAwait(false);
        Count(buffer.Span[..count]);
        return count;
    }

    /// <summary>Lines end in CR, LF or CRLF; a blank line ends an event and starts the count anew. Runs from line end to line end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs on every call: optimised from the first one
    private void Count(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_afterCarriageReturn && bytes[0] == (byte)'\n')
            {
                _afterCarriageReturn = false;
                bytes = bytes[1..]; // the LF of a CRLF
                continue;
            }

            _afterCarriageReturn = false;
            var end = bytes.IndexOfAny((byte)'\r', (byte)'\n');
            var text = end < 0 ? bytes.Length : end;
            if (text > 0)
            {
                _lineEmpty = false;
                _eventBytes += text;
                if (_eventBytes > maxEventBytes)
                {
                    throw new GradioProtocolException(
                        $"{description}: one server-sent event grew past {Http.BoundedBody.Size(maxEventBytes)} ({nameof(GradioConnectOptions)}.{nameof(GradioConnectOptions.MaxSseEventBytes)}); the stream was closed.");
                }
            }

            if (end < 0)
            {
                return;
            }

            if (_lineEmpty)
            {
                _eventBytes = 0;
            }

            _lineEmpty = true;
            _afterCarriageReturn = bytes[end] == (byte)'\r';
            bytes = bytes[(end + 1)..];
        }
    }
}
