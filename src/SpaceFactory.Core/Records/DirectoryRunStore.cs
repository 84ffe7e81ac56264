using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SpaceFactory.Core.Records;

/// <summary>
/// Run records in a folder: <c>{root}/runs/{run_id}/…</c>. Works on local disk and on a Storage Bucket mounted into a
/// Job (e.g. <c>/output</c>). Many runs may write into one store at once.
/// </summary>
public sealed class DirectoryRunStore : IRunStore
{
    /// <summary>Creates a store rooted at <paramref name="root"/> (created when missing).</summary>
    /// <param name="root">The folder holding <c>runs/</c>.</param>
    public DirectoryRunStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        RunsFolder = Path.Combine(Root, "runs");
    }

    /// <summary>The store's root folder.</summary>
    public string Root { get; }

    /// <summary>The folder holding one sub-folder per run.</summary>
    public string RunsFolder { get; }

    /// <summary>The folder of one run.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>An absolute path.</returns>
    public string RunFolder(RunId runId) => Path.Combine(RunsFolder, runId.Value);

    /// <inheritdoc />
    public string Describe(RunId runId) => RunFolder(runId);

    /// <inheritdoc />
    public Task<IRunWriter> OpenWriterAsync(RunId runId, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(RunFolder(runId));
        return Task.FromResult<IRunWriter>(new DirectoryRunWriter(RunFolder(runId)));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RunSummary> ListRunsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(RunsFolder))
        {
            yield break;
        }

        var ids = Directory.EnumerateDirectories(RunsFolder)
            .Select(Path.GetFileName)
            .Select(name => RunId.TryParse(name, out var id) ? id : (RunId?)null)
            .OfType<RunId>()
            .OrderByDescending(id => id.Value, StringComparer.Ordinal)
            .ToList();
        foreach (var id in ids)
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
        var path = Path.Combine(RunFolder(runId), "state.json");
        if (!File.Exists(path))
        {
            return null;
        }

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync(stream, CoreJsonContext.Default.RunState, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"state.json of run {runId} is not valid: {ex.Message}", ex);
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RunEvent> ReadEventsAsync(RunId runId, long afterSeq = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(RunFolder(runId), "events.jsonl");
        if (!File.Exists(path))
        {
            yield break;
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var item in RunEventLog.ReadAsync(stream, afterSeq, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    /// <inheritdoc />
    public Task<Stream?> OpenFileAsync(RunId runId, string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path, allowReserved: true);
        var full = Path.Combine(RunFolder(runId), path);
        return Task.FromResult<Stream?>(File.Exists(full)
            ? new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true)
            : null);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListFilesAsync(RunId runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = RunFolder(runId);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Contains(".tmp-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return file;
            await Task.CompletedTask.ConfigureAwait(false);
        }
    }
}
