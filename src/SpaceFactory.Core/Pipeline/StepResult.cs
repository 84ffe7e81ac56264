namespace SpaceFactory.Core.Pipeline;

/// <summary>What a step reports back. Only <see cref="Success"/> can make a run succeed.</summary>
public sealed record StepResult
{
    private StepResult(StepResultKind kind, string? summary, RunOutcome? outcome)
    {
        Kind = kind;
        Summary = summary;
        Outcome = outcome;
    }

    /// <summary>What the executor does next.</summary>
    public StepResultKind Kind { get; }

    /// <summary>A one-line summary for the report.</summary>
    public string? Summary { get; }

    /// <summary>The outcome a succeeding or failing step declared.</summary>
    public RunOutcome? Outcome { get; }

    /// <summary>The step finished normally.</summary>
    /// <param name="summary">A one-line summary for the report.</param>
    /// <returns>The result.</returns>
    public static StepResult Completed(string? summary = null) => new(StepResultKind.Completed, summary, null);

    /// <summary>The step reached the run's goal: the run will succeed unless a later step fails.</summary>
    /// <param name="code">A success code (e.g. <see cref="OutcomeCode.FullInferenceSuccess"/>).</param>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static StepResult Success(OutcomeCode code, string reason)
    {
        if (!code.IsSuccess)
        {
            throw new ArgumentException($"'{code}' is not a success outcome; use StepResult.Failure.", nameof(code));
        }

        return new(StepResultKind.Succeeded, reason, new RunOutcome(code, reason));
    }

    /// <summary>The step failed with a typed outcome (e.g. <see cref="OutcomeCode.TargetExists"/>); the run ends failed.</summary>
    /// <param name="code">A failure code.</param>
    /// <param name="reason">Why, in words a person can act on.</param>
    /// <returns>The result.</returns>
    public static StepResult Failure(OutcomeCode code, string reason)
    {
        if (code.IsSuccess)
        {
            throw new ArgumentException($"'{code}' is a success outcome; use StepResult.Success.", nameof(code));
        }

        return new(StepResultKind.Failed, reason, new RunOutcome(code, reason));
    }

    /// <summary>The step chose not to act.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static StepResult Skipped(string reason) => new(StepResultKind.Skipped, reason, null);
}
