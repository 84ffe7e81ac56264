using System.Runtime.CompilerServices;
using System.Text.Json;
using SpaceFactory.Core;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Buckets;

namespace SpaceFactory.Phases.Execution;

/// <summary>
/// Reads run records from a Storage Bucket through its API (<c>{prefix}/runs/{run_id}/…</c>): how the orchestrator
/// follows runs that workers write inside Jobs. Read-only: writing new bytes to a Bucket needs Xet, which the
/// worker avoids by writing to the Bucket mounted as a folder. The record files (<c>state.json</c>,
/// <c>events.jsonl</c>) are read whole with <see cref="BucketClient.ReadAllBytesAsync"/>, which reads again after a
/// transient failure of the storage: one bad answer while a Job appends to its record costs a pause, not the run.
/// </summary>
public sealed class BucketRunStore(BucketClient buckets, BucketUri root) : IRunReader
{
    private readonly BucketUri _runs = root.Combine("runs");

    /// <inheritdoc />
    public string Describe(RunId runId) => _runs.Combine(runId.Value).ToString();

    /// <inheritdoc />
    public async IAsyncEnumerable<RunSummary> ListRunsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var ids = new List<RunId>();
        try
        {
            await foreach (var entry in buckets.ListFilesAsync(_runs, recursive: false, cancellationToken).ConfigureAwait(false))
            {
                var name = entry.Path.TrimEnd('/').Split('/')[^1];
                if (RunId.TryParse(name, out var id))
                {
                    ids.Add(id);
                }
            }
        }
        catch (HfNotFoundException)
        {
            yield break;
        }

        foreach (var id in ids.OrderByDescending(i => i.Value, StringComparer.Ordinal))
        {
            var state = await GetStateAsync(id, cancellationToken).ConfigureAwait(false);
            if (state is not null)
            {
                yield return new RunSummary(id, state);
            }
        }
    }

    /// <inheritdoc />
    public async Task<RunState?> GetStateAsync(RunId runId, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadRecordFileAsync(runId, "state.json", cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, RunRecordJson.RunState);
        }
        catch (JsonException ex)
        {
            throw new HfProtocolException($"state.json of run {runId} in {_runs} is not valid: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RunEvent> ReadEventsAsync(RunId runId, long afterSeq = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var bytes = await ReadRecordFileAsync(runId, "events.jsonl", cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            yield break;
        }

        using var stream = new MemoryStream(bytes, writable: false);
        await foreach (var item in RunEventLog.ReadAsync(stream, afterSeq, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <inheritdoc />
    public async Task<Stream?> OpenFileAsync(RunId runId, string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path, allowReserved: true);
        try
        {
            return await buckets.OpenReadAsync(_runs.Combine(runId.Value + "/" + path), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HfNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListFilesAsync(RunId runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = _runs.Combine(runId.Value);
        var prefix = folder.Path + "/";
        var paths = new List<string>();
        try
        {
            await foreach (var entry in buckets.ListFilesAsync(folder, recursive: true, cancellationToken).ConfigureAwait(false))
            {
                if (entry.IsFile && entry.Path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    paths.Add(entry.Path[prefix.Length..]);
                }
            }
        }
        catch (HfNotFoundException)
        {
            yield break;
        }

        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            yield return path;
        }
    }

    /// <summary>A record file read whole, with retries on transient failures; null when it does not exist (yet).</summary>
    private async Task<byte[]?> ReadRecordFileAsync(RunId runId, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await buckets.ReadAllBytesAsync(_runs.Combine(runId.Value + "/" + path), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HfNotFoundException)
        {
            return null;
        }
    }
}
