using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>How long a Job has spent in each phase, in seconds (<c>durations</c>; recomputed on each read while it runs).</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record JobDurations
{
    /// <summary>Seconds spent waiting for hardware.</summary>
    [JsonPropertyName("schedulingSecs")]
    public double? SchedulingSeconds { get; init; }

    /// <summary>Seconds spent running.</summary>
    [JsonPropertyName("runningSecs")]
    public double? RunningSeconds { get; init; }

    /// <summary>Seconds in total.</summary>
    [JsonPropertyName("totalSecs")]
    public double? TotalSeconds { get; init; }
}
