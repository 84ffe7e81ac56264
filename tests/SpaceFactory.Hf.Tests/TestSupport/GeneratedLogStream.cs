using System.Text;

namespace SpaceFactory.Hf.Tests.TestSupport;

/// <summary>
/// An endless-looking SSE log body generated on the fly without allocating: <paramref name="lineCount"/> events
/// <c>data: {"data":"line 0000042","timestamp":"…"}</c>, with a keep-alive comment every 1000 lines.
/// </summary>
internal sealed class GeneratedLogStream(int lineCount) : Stream
{
    private static readonly byte[] Template = Encoding.UTF8.GetBytes("data: {\"data\":\"line 0000000\",\"timestamp\":\"2025-07-22T16:06:31.079Z\"}\n\n");
    private static readonly byte[] KeepAlive = Encoding.UTF8.GetBytes(": keep-alive\n\n");
    private static readonly int DigitsAt = Array.IndexOf(Template, (byte)'0');

    private readonly byte[] _event = (byte[])Template.Clone();
    private int _line;
    private int _keepAliveSentAt = -1;
    private ReadOnlyMemory<byte> _pending;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The text of line <paramref name="index"/>.</summary>
    public static string TextOf(int index) => "line " + index.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Fill(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Fill(buffer.AsSpan(offset, count)));

    public override int Read(byte[] buffer, int offset, int count) => Fill(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Fill(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_pending.IsEmpty && !Next())
            {
                break;
            }

            var count = Math.Min(_pending.Length, buffer.Length - written);
            _pending.Span[..count].CopyTo(buffer[written..]);
            _pending = _pending[count..];
            written += count;
        }

        return written;
    }

    private bool Next()
    {
        if (_line >= lineCount)
        {
            return false;
        }

        if (_line > 0 && _line % 1000 == 0 && _keepAliveSentAt != _line)
        {
            _keepAliveSentAt = _line;
            _pending = KeepAlive;
            return true;
        }

        var value = _line++;
        for (var i = DigitsAt + 6; i >= DigitsAt; i--)
        {
            _event[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        _pending = _event;
        return true;
    }
}
