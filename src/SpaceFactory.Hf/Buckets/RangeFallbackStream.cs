namespace SpaceFactory.Hf.Buckets;

/// <summary>
/// Cuts the requested range out of a full response body, for a server that ignored <c>Range</c> and answered 200:
/// skips the first bytes and stops after the requested length.
/// </summary>
internal sealed class RangeFallbackStream : Stream
{
    private readonly Stream _inner;
    private long _toSkip;
    private long? _remaining;

    public RangeFallbackStream(Stream inner, long offset, long? length)
    {
        _inner = inner;
        _toSkip = offset;
        _remaining = length;
    }

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
        while (_toSkip > 0)
        {
            var chunk = buffer.Length == 0 ? new byte[4096].AsMemory() : buffer;
            var skipped = await _inner.ReadAsync(chunk[..(int)Math.Min(chunk.Length, _toSkip)], cancellationToken).ConfigureAwait(false);
            if (skipped == 0)
            {
                return 0;
            }

            _toSkip -= skipped;
        }

        if (_remaining is 0 || buffer.Length == 0)
        {
            return 0;
        }

        var window = _remaining is { } remaining && remaining < buffer.Length ? buffer[..(int)remaining] : buffer;
        var read = await _inner.ReadAsync(window, cancellationToken).ConfigureAwait(false);
        _remaining -= read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Bucket files are read asynchronously.");

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
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
