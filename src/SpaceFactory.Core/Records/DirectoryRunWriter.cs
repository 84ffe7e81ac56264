namespace SpaceFactory.Core.Records;

/// <summary>Writes one run's folder: atomic file replacement and an append-only, flushed-per-line event log.</summary>
internal sealed class DirectoryRunWriter(string folder) : IRunWriter
{
    private readonly SemaphoreSlim _eventsLock = new(1, 1);
    private FileStream? _events;

    public async Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        await WriteFileAsync(path, (stream, ct) => stream.WriteAsync(content, ct).AsTask(), cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteFileAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path, allowReserved: true);
        var target = Path.Combine(folder, path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = $"{target}.tmp-{Guid.NewGuid():N}";
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public async Task AppendEventAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken = default)
    {
        await _eventsLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _events ??= OpenEvents();
            await _events.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await _events.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _eventsLock.Release();
        }
    }

    public async Task<EventLogTail> RepairEventLogAsync(CancellationToken cancellationToken = default)
    {
        await _eventsLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var path = Path.Combine(folder, "events.jsonl");
            if (!File.Exists(path))
            {
                return new EventLogTail(0, 0);
            }

            if (_events is not null)
            {
                await _events.DisposeAsync().ConfigureAwait(false);
                _events = null;
            }

            var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var (complete, lastSeq) = RunEventLog.Scan(content);
            var dropped = content.Length - complete;
            if (dropped > 0)
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
                stream.SetLength(complete);
                stream.Flush(flushToDisk: true);
            }

            return new EventLogTail(lastSeq, dropped);
        }
        finally
        {
            _eventsLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_events is not null)
        {
            await _events.DisposeAsync().ConfigureAwait(false);
        }

        _eventsLock.Dispose();
    }

    private FileStream OpenEvents() =>
        new(Path.Combine(folder, "events.jsonl"), FileMode.Append, FileAccess.Write, FileShare.Read | FileShare.Delete, 4096, useAsync: true);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is ignored by readers.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
