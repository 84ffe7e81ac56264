using Microsoft.Extensions.Options;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Phases.Execution;

namespace SpaceFactory.Web.Runs;

/// <summary>Reads a run's record back from the owner's Bucket with the owner's token, and finds its Job.</summary>
internal sealed class RunReader(HfJobExecutor executor, JobsClient jobs, IOptions<HfClientOptions> hfOptions)
{
    private const int ShownEvents = 200;
    private readonly Uri _hub = hfOptions.Value.ResolveEndpoint();

    /// <summary>The owner's records, read where the owner's executor writes them.</summary>
    public IRunReader Store(RunEntry entry) => executor.ForUser(entry.OwnerName).Records;

    public async Task<RunView> ReadAsync(RunEntry entry, string token, CancellationToken cancellationToken)
    {
        using var scope = HfTokenScope.Begin(token);
        var store = Store(entry);
        var state = await store.GetStateAsync(entry.RunId, cancellationToken).ConfigureAwait(false);
        var events = new List<RunEvent>();
        if (state is not null)
        {
            await foreach (var item in store.ReadEventsAsync(entry.RunId, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                events.Add(item);
            }
        }

        var files = new List<string>();
        if (state is not null && state.Status != Core.RunStatus.Running)
        {
            await foreach (var file in store.ListFilesAsync(entry.RunId, cancellationToken).ConfigureAwait(false))
            {
                files.Add(file);
            }
        }

        entry.JobId ??= await FindJobAsync(entry, cancellationToken).ConfigureAwait(false);
        var jobUrl = entry.JobId is null ? null : $"{_hub.AbsoluteUri.TrimEnd('/')}/jobs/{Uri.EscapeDataString(entry.OwnerName)}/{Uri.EscapeDataString(entry.JobId)}";
        return new RunView(entry, state, events.Count > ShownEvents ? events[^ShownEvents..] : events, files, jobUrl);
    }

    private async Task<string?> FindJobAsync(RunEntry entry, CancellationToken cancellationToken)
    {
        var filter = new JobListFilter { Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [HfJobExecutor.RunLabel] = entry.RunId.Value } };
        await foreach (var job in jobs.ListJobsAsync(filter, entry.OwnerName, cancellationToken).ConfigureAwait(false))
        {
            return job.Id;
        }

        return null;
    }
}
