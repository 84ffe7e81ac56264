namespace SpaceFactory.Phases.Validation;

/// <summary>The verdict of an <see cref="OutputCheck"/> on a live API's outputs.</summary>
/// <param name="Passed">Whether the outputs fit what the pipeline must return.</param>
/// <param name="Reason">Why, in words a person can act on.</param>
public sealed record OutputCheckResult(bool Passed, string Reason)
{
    /// <summary>A passing verdict.</summary>
    /// <param name="reason">What was seen.</param>
    /// <returns>The verdict.</returns>
    public static OutputCheckResult Pass(string reason) => new(true, reason);

    /// <summary>A failing verdict.</summary>
    /// <param name="reason">What was wrong.</param>
    /// <returns>The verdict.</returns>
    public static OutputCheckResult Fail(string reason) => new(false, reason);
}
