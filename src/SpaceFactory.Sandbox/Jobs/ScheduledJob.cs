namespace SpaceFactory.Sandbox.Jobs;

/// <summary>A scheduled Job: its spec, schedule and state; changed under <see cref="Gate"/>.</summary>
internal sealed class ScheduledJob(string id, string owner, string ownerId, JobsWire.JobSpec spec, string schedule, CronSchedule cron, DateTimeOffset createdAt)
{
    public Lock Gate { get; } = new();

    public string Id { get; } = id;

    public string Owner { get; } = owner;

    public string OwnerId { get; } = ownerId;

    public JobsWire.JobSpec Spec { get; } = spec;

    /// <summary>The schedule as the client sent it (<c>@hourly</c> or a CRON expression).</summary>
    public string Schedule { get; } = schedule;

    public CronSchedule Cron { get; } = cron;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    public bool Suspend { get; set; }

    /// <summary>Whether a run may start while the previous one is still running.</summary>
    public bool Concurrency { get; set; }

    public SandboxJob? LastJob { get; set; }

    public DateTimeOffset NextRunAt { get; set; }

    public ITimer? Timer { get; set; }
}
