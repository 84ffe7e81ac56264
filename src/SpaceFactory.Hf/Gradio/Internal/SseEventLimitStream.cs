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

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Count(buffer.Span[..read]);
        return read;
    }

    /// <summary>Lines end in CR, LF or CRLF; a blank line ends an event and starts the count anew.</summary>
    private void Count(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b == (byte)'\n' && _afterCarriageReturn)
            {
                _afterCarriageReturn = false;
                continue; // the LF of a CRLF
            }

            _afterCarriageReturn = b == (byte)'\r';
            if (b is (byte)'\n' or (byte)'\r')
            {
                if (_lineEmpty)
                {
                    _eventBytes = 0;
                }

                _lineEmpty = true;
                continue;
            }

            _lineEmpty = false;
            if (++_eventBytes > maxEventBytes)
            {
                throw new GradioProtocolException(
                    $"{description}: one server-sent event grew past {Http.BoundedBody.Size(maxEventBytes)} ({nameof(GradioConnectOptions)}.{nameof(GradioConnectOptions.MaxSseEventBytes)}); the stream was closed.");
            }
        }
    }
}
