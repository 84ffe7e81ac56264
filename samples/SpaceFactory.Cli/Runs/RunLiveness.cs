using SpaceFactory.Core;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Phases.Execution;

namespace SpaceFactory.Cli.Runs;

/// <summary>Tells a run that really runs from one whose CLI process or Job is gone while its record still says <c>running</c>.</summary>
internal static class RunLiveness
{
    /// <summary>The state as <c>status</c> shows it: a running local run without a live owner process is interrupted.</summary>
    public static RunState OfLocal(RunState state, string recordRoot)
    {
        if (state.Status != RunStatus.Running || !string.Equals(state.Executor, "in-process", StringComparison.Ordinal))
        {
            return state;
        }

        return RunOwner.Read(recordRoot, state.RunId) is { } owner && owner.IsAlive()
            ? state
            : InterruptedRun.AsInterrupted(state, "its CLI process is gone");
    }

    /// <summary>The state as <c>status --bucket</c> shows it: a running Job run whose Job ended (or is gone) is interrupted.</summary>
    public static async Task<RunState> OfJobAsync(RunState state, JobsClient jobs, CancellationToken cancellationToken)
    {
        if (state.Status != RunStatus.Running)
        {
            return state;
        }

        var job = await FindJobAsync(jobs, state.RunId, cancellationToken).ConfigureAwait(false);
        return job is null || job.Status.Stage.IsTerminal
            ? InterruptedRun.AsInterrupted(state, job is null ? "no Job runs it" : $"its Job {job.Id} ended {job.Status.Stage}")
            : state;
    }

    /// <summary>The Job that runs a run (by the executor's run label), newest first; null when there is none.</summary>
    public static async Task<JobInfo?> FindJobAsync(JobsClient jobs, string runId, CancellationToken cancellationToken)
    {
        var filter = new JobListFilter { Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [HfJobExecutor.RunLabel] = runId } };
        JobInfo? newest = null;
        await foreach (var job in jobs.ListJobsAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (newest is null || job.CreatedAt > newest.CreatedAt)
            {
                newest = job;
            }
        }

        return newest;
    }
}
