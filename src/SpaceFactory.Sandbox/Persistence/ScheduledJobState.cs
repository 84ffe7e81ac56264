using SpaceFactory.Sandbox.Jobs;

namespace SpaceFactory.Sandbox.Persistence;

/// <summary>A scheduled Job; its spec's secrets keep their names only.</summary>
internal sealed record ScheduledJobState(
    string Id,
    string Owner,
    string OwnerId,
    JobsWire.JobSpec Spec,
    string Schedule,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Suspend,
    bool Concurrency,
    string? LastJobId);
