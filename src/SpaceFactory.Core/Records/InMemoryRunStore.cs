using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SpaceFactory.Core.Records;

/// <summary>Run records in memory, for tests and short-lived hosts. Thread-safe.</summary>
public sealed class InMemoryRunStore : IRunStore
{
    private readonly ConcurrentDictionary<RunId, InMemoryRun> _runs = new();

    /// <inheritdoc />
    public string Describe(RunId runId) => $"memory://runs/{runId}";

    /// <inheritdoc />
    public Task<IRunWriter> OpenWriterAsync(RunId runId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IRunWriter>(_runs.GetOrAdd(runId, _ => new InMemoryRun()));

    /// <inheritdoc />
    public async IAsyncEnumerable<RunSummary> ListRunsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var id in _runs.Keys.OrderByDescending(id => id.Value, StringComparer.Ordinal))
        {
            var state = await GetStateAsync(id, cancellationToken).ConfigureAwait(false);
            if (state is not null)
            {
                yield return new RunSummary(id, state);
            }
        }
    }

    /// <inheritdoc />
    public Task<RunState?> GetStateAsync(RunId runId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_runs.TryGetValue(runId, out var run) && run.TryGet("state.json", out var bytes)
            ? JsonSerializer.Deserialize(bytes, CoreJsonContext.Default.RunState)
            : null);

    /// <inheritdoc />
    public async IAsyncEnumerable<RunEvent> ReadEventsAsync(RunId runId, long afterSeq = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            yield break;
        }

        using var stream = new MemoryStream(run.EventBytes());
        await foreach (var item in RunEventLog.ReadAsync(stream, afterSeq, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <inheritdoc />
    public Task<Stream?> OpenFileAsync(RunId runId, string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path, allowReserved: true);
        if (!_runs.TryGetValue(runId, out var run))
        {
            return Task.FromResult<Stream?>(null);
        }

        if (string.Equals(path, "events.jsonl", StringComparison.Ordinal))
        {
            return Task.FromResult<Stream?>(new MemoryStream(run.EventBytes(), writable: false));
        }

        return Task.FromResult<Stream?>(run.TryGet(path, out var bytes) ? new MemoryStream(bytes, writable: false) : null);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListFilesAsync(RunId runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            yield break;
        }

        foreach (var path in run.Paths())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return path;
            await Task.CompletedTask.ConfigureAwait(false);
        }
    }

    private sealed class InMemoryRun : IRunWriter
    {
        private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
        private readonly Lock _eventsLock = new();
        private readonly MemoryStream _events = new();

        public bool TryGet(string path, out byte[] bytes) => _files.TryGetValue(path, out bytes!);

        public byte[] EventBytes()
        {
            lock (_eventsLock)
            {
                return _events.ToArray();
            }
        }

        public IEnumerable<string> Paths()
        {
            var paths = _files.Keys.ToList();
            if (EventBytes().Length > 0)
            {
                paths.Add("events.jsonl");
            }

            return paths.Order(StringComparer.Ordinal);
        }

        public Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
        {
            _files[ArtifactPath.Validate(path, allowReserved: true)] = content.ToArray();
            return Task.CompletedTask;
        }

        public async Task WriteFileAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
        {
            ArtifactPath.Validate(path, allowReserved: true);
            using var buffer = new MemoryStream();
            await write(buffer, cancellationToken).ConfigureAwait(false);
            _files[path] = buffer.ToArray();
        }

        public Task AppendEventAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken = default)
        {
            lock (_eventsLock)
            {
                _events.Write(line.Span);
            }

            return Task.CompletedTask;
        }

        public Task<EventLogTail> RepairEventLogAsync(CancellationToken cancellationToken = default)
        {
            lock (_eventsLock)
            {
                var content = _events.ToArray();
                var (complete, lastSeq) = RunEventLog.Scan(content);
                _events.SetLength(complete);
                _events.Position = complete;
                return Task.FromResult(new EventLogTail(lastSeq, content.Length - complete));
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
