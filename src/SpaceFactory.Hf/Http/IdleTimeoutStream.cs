namespace SpaceFactory.Hf.Http;

/// <summary>
/// A read-only stream that fails with <see cref="HfStreamIdleException"/> when the inner stream yields no byte for
/// the idle timeout. Long-lived streams (logs, SSE results) have no total timeout, so silence is how a dropped
/// connection shows itself.
/// </summary>
internal sealed class IdleTimeoutStream : Stream
{
    private readonly Stream _inner;
    private readonly TimeSpan _idleTimeout;
    private readonly string _description;
    private readonly IDisposable? _owner;
    private readonly CancellationTokenSource _idle = new();
    private readonly ITimer _timer;
    private bool _disposed;

    /// <param name="inner">The network stream.</param>
    /// <param name="idleTimeout">Longest silence tolerated during one read.</param>
    /// <param name="timeProvider">Clock for the idle timer.</param>
    /// <param name="description">"GET /path" for error messages.</param>
    /// <param name="owner">Disposed with the stream (the HTTP response that produced it).</param>
    public IdleTimeoutStream(Stream inner, TimeSpan idleTimeout, TimeProvider timeProvider, string description, IDisposable? owner = null)
    {
        _inner = inner;
        _owner = owner;
        _idleTimeout = idleTimeout;
        _description = description;
        _timer = timeProvider.CreateTimer(static state => ((IdleTimeoutStream)state!).OnIdle(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
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
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.IsCancellationRequested)
        {
            throw Idle();
        }

        _timer.Change(_idleTimeout, Timeout.InfiniteTimeSpan);
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _idle)
            : default;
        try
        {
            return await _inner.ReadAsync(buffer, _idle.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException &&
                                   !cancellationToken.IsCancellationRequested && _idle.IsCancellationRequested)
        {
            throw Idle();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Streams from the Hub are read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _timer.Dispose();
            _inner.Dispose();
            _owner?.Dispose();
            _idle.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _timer.DisposeAsync().ConfigureAwait(false);
            await _inner.DisposeAsync().ConfigureAwait(false);
            _owner?.Dispose();
            _idle.Dispose();
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void OnIdle()
    {
        try
        {
            _idle.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream was closed while the timer fired: nothing to cancel.
        }
    }

    private HfStreamIdleException Idle() =>
        new($"No data arrived for {_idleTimeout.TotalSeconds:0.###} s on {_description}; the stream is treated as dropped.");
}
