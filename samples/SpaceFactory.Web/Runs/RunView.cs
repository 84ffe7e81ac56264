using SpaceFactory.Core.Records;

namespace SpaceFactory.Web.Runs;

/// <summary>What the run page shows: the launch, the record read back from the Bucket, and links.</summary>
internal sealed record RunView(RunEntry Entry, RunState? State, IReadOnlyList<RunEvent> Events, IReadOnlyList<string> Files, string? JobUrl)
{
    /// <summary>The page stops refreshing once the orchestrator stopped following the run (its Job ended).</summary>
    public bool Ended => Entry.Ended;

    /// <summary>A one-line stage: launching, running a step, or the outcome.</summary>
    public string Stage => Entry.LaunchError is not null ? "launch failed"
        : State is { Status: not Core.RunStatus.Running } ? State.Status.ToString().ToLowerInvariant()
        : Entry.Result is { } result ? result.Status.ToString().ToLowerInvariant() // the Job ended before the record did
        : State is null ? "starting the Job"
        : $"running: {State.CurrentStep ?? "starting"}";

    public string? Link(string name) => State is not null && State.Links.TryGetValue(name, out var url) ? url : null;
}
