using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace SpaceFactory.Hf.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every one-shot timer armed at creation (what <c>Task.Delay(d, clock)</c>
/// does), so a test can run code that backs off without any wall-clock wait: <see cref="DriveAsync{T}"/> advances the
/// clock by each delay as soon as it starts. Timers created disarmed (the idle timer of a stream) are not reported.
/// </summary>
internal sealed class TestClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();
    private readonly List<TimeSpan> _delays = [];
    private Task<TimeSpan>? _pendingRead;

    public TestClock()
        : base(new DateTimeOffset(2025, 7, 22, 16, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>The due times of the one-shot timers started so far (back-off and poll delays).</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan && period == Timeout.InfiniteTimeSpan)
        {
            lock (_delays)
            {
                _delays.Add(dueTime);
            }

            _armed.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Awaits <paramref name="work"/>, moving time forward by each delay it starts.</summary>
    public async Task<T> DriveAsync<T>(Task<T> work)
    {
        while (true)
        {
            _pendingRead ??= _armed.Reader.ReadAsync().AsTask();
            var first = await Task.WhenAny(work, _pendingRead);
            if (first == work)
            {
                return await work;
            }

            var due = await _pendingRead;
            _pendingRead = null;
            Advance(due);
        }
    }

    /// <summary>Awaits <paramref name="work"/>, moving time forward by each delay it starts.</summary>
    public async Task DriveAsync(Task work) =>
        await DriveAsync(work.ContinueWith(static t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default));
}
