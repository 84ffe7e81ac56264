using SpaceFactory.Core.Records;

namespace SpaceFactory.Core.Tests;

/// <summary>Thrown by every write once the "process" is dead.</summary>
internal sealed class ProcessKilledException : Exception
{
    public ProcessKilledException()
        : base("the worker process was killed")
    {
    }
}

/// <summary>
/// Wraps a store so that a test can "kill the process": after <see cref="KillAfterWrites"/> writes (or when
/// <see cref="Kill"/> is called) every write throws, exactly as if the process had died at that point.
/// </summary>
internal sealed class KillableRunStore(IRunStore inner) : IRunStore
{
    private int _writes;

    public int? KillAfterWrites { get; set; }

    public bool Killed { get; private set; }

    public int Writes => _writes;

    public void Kill() => Killed = true;

    public string Describe(RunId runId) => inner.Describe(runId);

    public IAsyncEnumerable<RunSummary> ListRunsAsync(CancellationToken cancellationToken = default) => inner.ListRunsAsync(cancellationToken);

    public Task<RunState?> GetStateAsync(RunId runId, CancellationToken cancellationToken = default) => inner.GetStateAsync(runId, cancellationToken);

    public IAsyncEnumerable<RunEvent> ReadEventsAsync(RunId runId, long afterSeq = 0, CancellationToken cancellationToken = default) =>
        inner.ReadEventsAsync(runId, afterSeq, cancellationToken);

    public Task<Stream?> OpenFileAsync(RunId runId, string path, CancellationToken cancellationToken = default) => inner.OpenFileAsync(runId, path, cancellationToken);

    public IAsyncEnumerable<string> ListFilesAsync(RunId runId, CancellationToken cancellationToken = default) => inner.ListFilesAsync(runId, cancellationToken);

    public async Task<IRunWriter> OpenWriterAsync(RunId runId, CancellationToken cancellationToken = default) =>
        new Writer(this, await inner.OpenWriterAsync(runId, cancellationToken));

    private void BeforeWrite()
    {
        if (Killed || (KillAfterWrites is { } limit && Interlocked.Increment(ref _writes) > limit))
        {
            Killed = true;
            throw new ProcessKilledException();
        }
    }

    private sealed class Writer(KillableRunStore owner, IRunWriter inner) : IRunWriter
    {
        public Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
        {
            owner.BeforeWrite();
            return inner.WriteFileAsync(path, content, cancellationToken);
        }

        public Task WriteFileAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
        {
            owner.BeforeWrite();
            return inner.WriteFileAsync(path, write, cancellationToken);
        }

        public Task AppendEventAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken = default)
        {
            owner.BeforeWrite();
            return inner.AppendEventAsync(line, cancellationToken);
        }

        public Task<EventLogTail> RepairEventLogAsync(CancellationToken cancellationToken = default) => inner.RepairEventLogAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
