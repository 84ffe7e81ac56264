using System.Collections.Concurrent;

namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>Counters tests read through <see cref="SandboxInspector"/>.</summary>
internal sealed class SandboxStatistics
{
    private long _faults5xx;
    private long _faults429;
    private long _faultDrops;
    private long _answersLost;

    /// <summary>Requests per route, keyed <c>"METHOD /route/{pattern}"</c>.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    public long Faults5xx => Interlocked.Read(ref _faults5xx);

    public long Faults429 => Interlocked.Read(ref _faults429);

    public long FaultDrops => Interlocked.Read(ref _faultDrops);

    public long AnswersLost => Interlocked.Read(ref _answersLost);

    public void CountAnswerLost() => Interlocked.Increment(ref _answersLost);

    public void CountRequest(string key) => Requests.AddOrUpdate(key, 1, static (_, n) => n + 1);

    public void CountFault(InjectedFault fault)
    {
        switch (fault)
        {
            case InjectedFault.ServerError:
                Interlocked.Increment(ref _faults5xx);
                break;
            case InjectedFault.TooManyRequests:
                Interlocked.Increment(ref _faults429);
                break;
            case InjectedFault.Drop:
                Interlocked.Increment(ref _faultDrops);
                break;
        }
    }
}
