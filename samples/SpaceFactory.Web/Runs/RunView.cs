using SpaceFactory.Core;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Web.Runs;

/// <summary>What the run page shows: the launch, the record read back from the Bucket, the rendered report, and links.</summary>
internal sealed record RunView(RunEntry Entry, RunState? State, IReadOnlyList<RunEvent> Events, IReadOnlyList<string> Files, string? JobUrl)
{
    /// <summary>report.md rendered to safe HTML (raw HTML escaped, links kept to the run's files and the web), once the run ended.</summary>
    public string? ReportHtml { get; init; }

    /// <summary>The page stops refreshing once the orchestrator stopped following the run (its Job ended).</summary>
    public bool Ended => Entry.Ended;

    /// <summary>
    /// The status word of the badge: the orchestrator's own cancel wins over a record a killed worker left
    /// "running"; a record still "running" after its Job ended is interrupted.
    /// </summary>
    public string Status => Entry.LaunchError is not null ? "launch failed"
        : Entry.Result?.Status == RunStatus.Cancelled ? "cancelled"
        : !Entry.Ended ? Following
        : State is { Status: not RunStatus.Running } ? Word(State.Status)
        : State is null ? Entry.Status
        : "interrupted"; // the Job ended, the record still says running

    /// <summary>While the Job is followed: the record's word, except a resumed record still showing its last end.</summary>
    private string Following => Entry.Cancelling ? "cancelling"
        : State is null ? "starting"
        : State.Status == RunStatus.Running ? "running"
        : Entry.Resumes > 0 ? "resuming"
        : Word(State.Status);

    private static string Word(RunStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>A one-line stage: launching, running a step, or the outcome.</summary>
    public string Stage => Status switch
    {
        "starting" => "starting the Job",
        "resuming" => "resuming in a new Job",
        "running" => $"running: {State?.CurrentStep ?? "starting"}",
        "cancelling" => $"cancelling: the Job was cancelled, its worker is ending the record (step {State?.CurrentStep ?? "-"})",
        var ended => ended,
    };

    /// <summary>The outcome: the record's, else the orchestrator's (cancel, a Job that ended early).</summary>
    public RunOutcome? Outcome => Entry.Result?.Status == RunStatus.Cancelled ? Entry.Result.Outcome : State?.Outcome ?? Entry.Result?.Outcome;

    /// <summary>True when the validation ran against a simulated runtime (the Sandbox): no real inference ran.</summary>
    public bool Simulated => State?.Validation?.Simulated == true || Outcome?.Code == OutcomeCode.SimulatedInferenceSuccess;

    /// <summary>Cancel is offered while the Job is followed.</summary>
    public bool CanCancel => Entry.CanCancel;

    /// <summary>Resume is offered for an ended run that did not succeed and has a record to continue from.</summary>
    public bool CanResume => Entry.Ended && State is not null && Status is "failed" or "cancelled" or "interrupted";

    /// <summary>The run's images and sounds (under <c>artifacts/</c>), shown inline.</summary>
    public IEnumerable<(string Path, string Kind)> Media => Files
        .Select(f => (Path: f, Kind: RunFileTypes.MediaKind(f)))
        .Where(m => m.Kind is not null)
        .Select(m => (m.Path, m.Kind!));

    /// <summary>The events of one step (null: the run's own), in order.</summary>
    public IEnumerable<RunEvent> EventsOf(string? step) => Events.Where(e => string.Equals(e.Step, step, StringComparison.Ordinal));

    public string? Link(string name) => State is not null && State.Links.TryGetValue(name, out var url) ? url : null;

    /// <summary>The URL of one of the run's files (each path segment escaped).</summary>
    public string FileUrl(string path) => RunFileTypes.Url(Entry.RunId, path);
}
