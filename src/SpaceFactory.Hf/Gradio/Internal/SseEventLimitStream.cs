namespace SpaceFactory.Hf.Gradio.Internal;

/// <summary>
/// Wraps a server-sent-event body and fails with a <see cref="GradioProtocolException"/> as soon as one line or one
/// event (the lines up to a blank line) grows past the limit, so that a stream that never ends its line cannot make
/// the SSE parser buffer it without end. Counting happens on the bytes as they arrive, before any parsing.
/// </summary>
internal sealed class SseEventLimitStream(Stream inner, long maxEventBytes, string description) : Stream
{
    private long _eventBytes;
    private bool _lineEmpty = true;
    private bool _afterCarriageReturn;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Count(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Result streams are read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
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
