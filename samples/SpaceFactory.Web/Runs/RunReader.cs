using Microsoft.Extensions.Options;
using SpaceFactory.Core;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Phases.Execution;
using SpaceFactory.Web.Auth;

namespace SpaceFactory.Web.Runs;

/// <summary>Reads a run's record back from the owner's Bucket with the owner's token, renders its report, and finds its Job.</summary>
internal sealed class RunReader(RunIndex index, HfJobExecutor executor, JobsClient jobs, IOptions<HfClientOptions> hfOptions)
{
    private const int ShownEvents = 200;
    private readonly Uri _hub = hfOptions.Value.ResolveEndpoint();

    /// <summary>The owner's records, read where the owner's executor writes them.</summary>
    public IRunReader Store(RunEntry entry) => executor.ForUser(entry.OwnerName).Records;

    /// <summary>
    /// A run of the signed-in user that this app did not launch (a scheduled check, a CLI run): found in their own
    /// Bucket with their own token, then indexed for them; null when their Bucket has no such run.
    /// </summary>
    public async Task<RunEntry?> AdoptAsync(SignedInUser user, string runId, string token, CancellationToken cancellationToken)
    {
        if (!RunId.TryParse(runId, out var id))
        {
            return null;
        }

        var userExecutor = executor.ForUser(user.Name);
        RunState? state;
        using (HfTokenScope.Begin(token))
        {
            state = await userExecutor.Records.GetStateAsync(id, cancellationToken).ConfigureAwait(false);
        }

        if (state is null)
        {
            return null;
        }

        var entry = new RunEntry
        {
            RunId = id,
            OwnerId = user.Id,
            OwnerName = user.Name,
            Recipe = state.Recipe,
            Parameters = state.Parameters,
            BucketSource = userExecutor.Bucket.ToString(),
            CreatedAt = state.CreatedAt,
            Adopted = true,
        };
        EndIfRecorded(entry, state);
        index.Add(entry);
        return entry;
    }

    /// <summary>An adopted run is not followed here: it ends when its record says so.</summary>
    private static void EndIfRecorded(RunEntry entry, RunState state)
    {
        if (entry.Adopted && !entry.Ended && state.Status != Core.RunStatus.Running)
        {
            entry.Complete(new RunResult(entry.RunId, state.Status, state.Outcome, entry.BucketSource));
        }
    }

    public async Task<RunView> ReadAsync(RunEntry entry, string token, CancellationToken cancellationToken)
    {
        using var scope = HfTokenScope.Begin(token);
        var store = Store(entry);
        var state = await store.GetStateAsync(entry.RunId, cancellationToken).ConfigureAwait(false);
        if (state is not null)
        {
            EndIfRecorded(entry, state);
        }

        var events = new List<RunEvent>();
        if (state is not null)
        {
            await foreach (var item in store.ReadEventsAsync(entry.RunId, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                events.Add(item);
            }
        }

        var files = new List<string>();
        string? report = null;
        string? jobId = null;
        if (state is not null && (state.Status != Core.RunStatus.Running || entry.Ended))
        {
            await foreach (var file in store.ListFilesAsync(entry.RunId, cancellationToken).ConfigureAwait(false))
            {
                files.Add(file);
            }

            if (files.Contains("report.md", StringComparer.Ordinal))
            {
                report = await ReadReportAsync(store, entry, cancellationToken).ConfigureAwait(false);
            }
        }

        if (entry.JobId is null)
        {
            // While a resume is followed the previous attempt's Job is listed too: look again until this one ended.
            var job = await FindJobAsync(entry, cancellationToken).ConfigureAwait(false);
            entry.JobId = entry.Resumes > 0 && !entry.Ended ? null : job;
            jobId = job;
        }

        jobId ??= entry.JobId;
        var jobUrl = jobId is null ? null : $"{_hub.AbsoluteUri.TrimEnd('/')}/jobs/{Uri.EscapeDataString(entry.OwnerName)}/{Uri.EscapeDataString(jobId)}";
        return new RunView(entry, state, events.Count > ShownEvents ? events[^ShownEvents..] : events, files, jobUrl)
        {
            ReportHtml = report is null ? null : ReportHtml.Render(report, entry.RunId),
        };
    }

    /// <summary>report.md, at most <see cref="ReportHtml.MaxChars"/> characters of it.</summary>
    private static async Task<string?> ReadReportAsync(IRunReader store, RunEntry entry, CancellationToken cancellationToken)
    {
        var stream = await store.OpenFileAsync(entry.RunId, "report.md", cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            var buffer = new char[ReportHtml.MaxChars];
            var read = 0;
            int count;
            while (read < buffer.Length && (count = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += count;
            }

            return new string(buffer, 0, read);
        }
    }

    /// <summary>The newest Job of the run (a resumed run has one per attempt).</summary>
    private async Task<string?> FindJobAsync(RunEntry entry, CancellationToken cancellationToken)
    {
        var filter = new JobListFilter { Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [HfJobExecutor.RunLabel] = entry.RunId.Value } };
        JobInfo? newest = null;
        await foreach (var job in jobs.ListJobsAsync(filter, entry.OwnerName, cancellationToken).ConfigureAwait(false))
        {
            if (newest is null || job.CreatedAt > newest.CreatedAt)
            {
                newest = job;
            }
        }

        return newest?.Id;
    }
}
