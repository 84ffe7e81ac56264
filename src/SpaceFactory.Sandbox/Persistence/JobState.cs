using SpaceFactory.Sandbox.Jobs;

namespace SpaceFactory.Sandbox.Persistence;

/// <summary>A Job with its log; its spec's secrets keep their names only.</summary>
internal sealed record JobState(
    string Id,
    string Owner,
    string OwnerId,
    JobsWire.JobSpec Spec,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string Stage,
    string? Message,
    IReadOnlyList<LogLineState> Log);
