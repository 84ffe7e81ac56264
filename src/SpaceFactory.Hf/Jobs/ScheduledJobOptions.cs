namespace SpaceFactory.Hf.Jobs;

/// <summary>How a scheduled Job starts.</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record ScheduledJobOptions
{
    /// <summary>Create it suspended (no run until resumed); <see langword="null"/> leaves the Hub's default (active).</summary>
    public bool? Suspend { get; init; }

    /// <summary>Allow a run to start while the previous one still runs; <see langword="null"/> leaves the Hub's default (no).</summary>
    public bool? Concurrency { get; init; }
}
