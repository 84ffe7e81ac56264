using SpaceFactory.Core.Records;

namespace SpaceFactory.Web.Runs;

/// <summary>What the run page shows: the launch, the record read back from the Bucket, and links.</summary>
internal sealed record RunView(RunEntry Entry, RunState? State, IReadOnlyList<RunEvent> Events, IReadOnlyList<string> Files, string? JobUrl)
{
    /// <summary>The page stops refreshing once the run (or its launch) ended.</summary>
    public bool Ended => Entry.Ended && (State is null || State.Status != Core.RunStatus.Running || Entry.LaunchError is not null);

    /// <summary>A one-line stage: launching, running a step, or the outcome.</summary>
    public string Stage => Entry.LaunchError is not null ? "launch failed"
        : State is null ? (Entry.Ended ? "ended without a record" : "starting the Job")
        : State.Status == Core.RunStatus.Running ? $"running: {State.CurrentStep ?? "starting"}"
        : State.Status.ToString().ToLowerInvariant();

    public string? Link(string name) => State is not null && State.Links.TryGetValue(name, out var url) ? url : null;
}
