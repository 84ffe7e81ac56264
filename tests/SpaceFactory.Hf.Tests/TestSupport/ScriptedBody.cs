using System.Text;

namespace SpaceFactory.Hf.Tests.TestSupport;

/// <summary>
/// A response body played from a script: bytes served in chunks of a given size, then optionally a silence (the
/// clock is moved past the idle timeout while the read waits) or a dropped connection (an <see cref="IOException"/>).
/// </summary>
internal sealed class ScriptedBody : Stream
{
    private readonly byte[] _data;
    private readonly int _chunkSize;
    private readonly Ending _ending;
    private readonly TestClock? _clock;
    private readonly TimeSpan _silence;
    private int _position;

    private ScriptedBody(byte[] data, int chunkSize, Ending ending, TestClock? clock, TimeSpan silence)
    {
        _data = data;
        _chunkSize = chunkSize;
        _ending = ending;
        _clock = clock;
        _silence = silence;
    }

    public enum Ending
    {
        EndOfStream,
        Drop,
        Silence,
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

    /// <summary>The text, then a clean end of stream.</summary>
    public static ScriptedBody Text(string text, int chunkSize = int.MaxValue) => new(Encoding.UTF8.GetBytes(text), chunkSize, Ending.EndOfStream, null, default);

    /// <summary>The text, then a connection reset.</summary>
    public static ScriptedBody ThenDrop(string text, int chunkSize = int.MaxValue) => new(Encoding.UTF8.GetBytes(text), chunkSize, Ending.Drop, null, default);

    /// <summary>The text, then silence: the next read moves <paramref name="clock"/> by <paramref name="silence"/> and waits until cancelled.</summary>
    public static ScriptedBody ThenSilence(string text, TestClock clock, TimeSpan silence) =>
        new(Encoding.UTF8.GetBytes(text), int.MaxValue, Ending.Silence, clock, silence);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < _data.Length)
        {
            var count = Math.Min(Math.Min(buffer.Length, _chunkSize), _data.Length - _position);
            _data.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        switch (_ending)
        {
            case Ending.Drop:
                throw new IOException("The connection was reset by the peer (scripted).");
            case Ending.Silence:
                _clock!.Advance(_silence);
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                return 0;
            default:
                return 0;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
