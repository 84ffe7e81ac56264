namespace SpaceFactory.Hf.Tests.Hub;

/// <summary>
/// A non-seekable stream of <c>length</c> deterministic bytes produced on the fly (a 65,537-byte pattern repeated),
/// so a test can push hundreds of MiB through the client without holding them anywhere.
/// </summary>
internal sealed class GeneratedStream(long length) : Stream
{
    private static readonly byte[] Pattern = CreatePattern();
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var total = (int)Math.Min(buffer.Length, length - _position);
        var written = 0;
        while (written < total)
        {
            var start = (int)(_position % Pattern.Length);
            var n = Math.Min(total - written, Pattern.Length - start);
            Pattern.AsSpan(start, n).CopyTo(buffer[written..]);
            written += n;
            _position += n;
        }

        return total;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static byte[] CreatePattern()
    {
        var pattern = new byte[65_537];
        uint x = 2463534242;
        for (var i = 0; i < pattern.Length; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            pattern[i] = (byte)x;
        }

        return pattern;
    }
}
