namespace SpaceFactory.Phases.Steps;

/// <summary>
/// How often a step tries a write or a validation call again after a transient failure (a 5xx, a 429, a dropped
/// connection). Writes are re-sent only after looking whether the lost attempt took effect.
/// </summary>
public sealed record StepRetryOptions
{
    /// <summary>Attempts in all, the first included. Default 5.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Pause before the second attempt; it doubles up to <see cref="MaxDelay"/>. Default 1 s.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause between attempts. Default 15 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The pause before attempt <paramref name="attempt"/> + 1 (attempts count from 1).</summary>
    /// <param name="attempt">The attempt that just failed.</param>
    /// <returns>The pause.</returns>
    public TimeSpan DelayAfter(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, Delay.Ticks * (1L << Math.Clamp(attempt - 1, 0, 20))));
}
