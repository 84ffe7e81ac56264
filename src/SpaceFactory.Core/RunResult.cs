namespace SpaceFactory.Core;

/// <summary>How a run ended (or stands, for a run still going elsewhere).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Status">Its status.</param>
/// <param name="Outcome">Its outcome, when decided.</param>
/// <param name="Location">Where its record is (a folder, a Bucket URI), for people.</param>
public sealed record RunResult(RunId RunId, RunStatus Status, RunOutcome? Outcome, string Location)
{
    /// <summary>Whether the run succeeded.</summary>
    public bool Succeeded => Status == RunStatus.Succeeded;
}
