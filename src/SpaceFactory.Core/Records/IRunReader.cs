namespace SpaceFactory.Core.Records;

/// <summary>Reads run records: what an orchestrator UI or a CLI needs. A read-only store (e.g. a Bucket) implements only this.</summary>
public interface IRunReader
{
    /// <summary>Where the record of <paramref name="runId"/> is, for people (a folder path, a Bucket URI).</summary>
    /// <param name="runId">The run.</param>
    /// <returns>A location string.</returns>
    string Describe(RunId runId);

    /// <summary>Lists runs, newest first.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The runs with their state.</returns>
    IAsyncEnumerable<RunSummary> ListRunsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads <c>state.json</c> of a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state, or <see langword="null"/> when there is no such run.</returns>
    Task<RunState?> GetStateAsync(RunId runId, CancellationToken cancellationToken = default);

    /// <summary>Reads complete event lines after <paramref name="afterSeq"/> (a torn last line is never returned).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="afterSeq">Only events with a greater <c>seq</c> are returned; 0 for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events in order.</returns>
    IAsyncEnumerable<RunEvent> ReadEventsAsync(RunId runId, long afterSeq = 0, CancellationToken cancellationToken = default);

    /// <summary>Opens a file of the run (<c>report.md</c>, <c>generated/app.py</c>...).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="path">The relative path.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The content, or <see langword="null"/> when absent.</returns>
    Task<Stream?> OpenFileAsync(RunId runId, string path, CancellationToken cancellationToken = default);

    /// <summary>Lists the relative paths of the run's files.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>Paths with <c>/</c> separators, sorted.</returns>
    IAsyncEnumerable<string> ListFilesAsync(RunId runId, CancellationToken cancellationToken = default);
}
