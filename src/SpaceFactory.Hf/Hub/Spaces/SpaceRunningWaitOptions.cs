namespace SpaceFactory.Hf.Hub;

/// <summary>How <see cref="HubClient.WaitForSpaceRunningAsync"/> waits for a Space to serve.</summary>
public sealed record SpaceRunningWaitOptions
{
    /// <summary>How the stage is followed (status stream, else polling). Default: <see cref="SpaceWatchOptions"/>'s defaults.</summary>
    public SpaceWatchOptions Watch { get; init; } = new();

    /// <summary>Longest wait for the Space to leave its building and starting stages. Default 10 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many times a sleeping Space is restarted; asleep again after that, the wait ends. Default 1 (0: never wake it).</summary>
    public int MaxWakes { get; init; } = 1;

    /// <summary>Told of every stage seen (for a record or a progress display), before the wait acts on it.</summary>
    public Func<SpaceRuntime, CancellationToken, ValueTask>? OnStage { get; init; }

    /// <summary>Told after a restart of a sleeping Space was requested.</summary>
    public Func<SpaceRuntime, CancellationToken, ValueTask>? OnWake { get; init; }
}
