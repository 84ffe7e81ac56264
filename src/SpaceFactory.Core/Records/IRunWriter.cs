namespace SpaceFactory.Core.Records;

/// <summary>Low-level writes into one run's folder. Only the recorder uses it; it does not redact.</summary>
public interface IRunWriter : IAsyncDisposable
{
    /// <summary>Replaces a file atomically (temp file, then rename): readers see the old or the new content, never a mix.</summary>
    /// <param name="path">A validated relative path.</param>
    /// <param name="content">The full content.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Writes a file from a stream, atomically.</summary>
    /// <param name="path">A validated relative path.</param>
    /// <param name="write">Writes the content into the given stream.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task WriteFileAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default);

    /// <summary>Appends one complete event line (ending in <c>\n</c>) and flushes it.</summary>
    /// <param name="line">The UTF-8 line.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    Task AppendEventAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken = default);

    /// <summary>Cuts an incomplete last event line (left by a crash) and reports the last complete <c>seq</c>.</summary>
    /// <param name="cancellationToken">Cancels the repair.</param>
    /// <returns>What was found.</returns>
    Task<EventLogTail> RepairEventLogAsync(CancellationToken cancellationToken = default);
}
