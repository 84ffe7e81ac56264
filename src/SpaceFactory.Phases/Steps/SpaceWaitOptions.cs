namespace SpaceFactory.Phases.Steps;

/// <summary>How the factory waits for a Space to run.</summary>
public sealed record SpaceWaitOptions
{
    /// <summary>First pause between runtime checks when the Hub offers no status stream. Default 1 s.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause between checks when polling (the delay doubles up to it). Default 5 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for the Space to leave its building and starting stages. Default 30 min.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Most log lines saved under <c>logs/</c> when a build or run fails. Default 2000.</summary>
    public int MaxLogLines { get; init; } = 2000;

    /// <summary>Longest time spent reading those logs. Default 15 s.</summary>
    public TimeSpan LogReadTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
