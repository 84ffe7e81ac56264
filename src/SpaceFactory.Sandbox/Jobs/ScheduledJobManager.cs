using System.Collections.Concurrent;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>
/// Scheduled Jobs fire on the Sandbox's clock (<see cref="HfSandboxOptions.TimeProvider"/>): each holds one timer to
/// its next run. A run is skipped while the previous one still runs unless <c>concurrency</c> is true.
/// </summary>
internal sealed class ScheduledJobManager(SandboxServices services)
{
    /// <summary>Timers are re-armed at least daily: the system timer refuses due times beyond about 49 days.</summary>
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, ScheduledJob> _jobs = new(StringComparer.Ordinal);

    public IEnumerable<ScheduledJob> All => _jobs.Values;

    public ScheduledJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    public ScheduledJob Create(string owner, string ownerId, JobsWire.JobSpec spec, string schedule, CronSchedule cron, bool suspend, bool concurrency)
    {
        var job = new ScheduledJob(HexIds.New(24), owner, ownerId, spec, schedule, cron, services.TimeProvider.GetUtcNow())
        {
            Suspend = suspend,
            Concurrency = concurrency,
        };
        _jobs[job.Id] = job;
        Arm(job);
        return job;
    }

    /// <summary>Adds a scheduled Job restored from a persistent Sandbox's state and arms its timer.</summary>
    public void Adopt(ScheduledJob job)
    {
        _jobs[job.Id] = job;
        Arm(job);
    }

    public void SetSuspended(ScheduledJob job, bool suspend)
    {
        lock (job.Gate)
        {
            job.Suspend = suspend;
            job.UpdatedAt = services.TimeProvider.GetUtcNow();
        }

        Arm(job);
    }

    public void Delete(ScheduledJob job)
    {
        _jobs.TryRemove(job.Id, out _);
        lock (job.Gate)
        {
            job.Timer?.Dispose();
            job.Timer = null;
        }
    }

    /// <summary>Starts a run now (on schedule or asked for); null when the previous run still runs and concurrency is off.</summary>
    public SandboxJob? Run(ScheduledJob job)
    {
        lock (job.Gate)
        {
            if (!job.Concurrency && job.LastJob is { IsTerminal: false })
            {
                return null;
            }

            var run = services.Jobs.Start(job.Owner, job.OwnerId, job.Spec);
            job.LastJob = run;
            return run;
        }
    }

    public void StopAll()
    {
        foreach (var job in _jobs.Values)
        {
            Delete(job);
        }
    }

    /// <summary>Plans the next run from now and sets the timer (none while suspended).</summary>
    private void Arm(ScheduledJob job)
    {
        lock (job.Gate)
        {
            job.Timer?.Dispose();
            job.Timer = null;
            var now = services.TimeProvider.GetUtcNow();
            job.NextRunAt = job.Cron.Next(now);
            if (job.Suspend || job.NextRunAt == DateTimeOffset.MaxValue || !_jobs.ContainsKey(job.Id))
            {
                return;
            }

            var due = job.NextRunAt - now;
            job.Timer = services.TimeProvider.CreateTimer(_ => Fire(job), null, due < MaxTimerDue ? due : MaxTimerDue, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire(ScheduledJob job)
    {
        bool due;
        lock (job.Gate)
        {
            due = !job.Suspend && services.TimeProvider.GetUtcNow() >= job.NextRunAt;
        }

        if (due)
        {
            Run(job);
        }

        Arm(job);
    }
}
