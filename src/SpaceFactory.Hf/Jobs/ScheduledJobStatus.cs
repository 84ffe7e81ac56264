using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>The status part of a scheduled Job.</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record ScheduledJobStatus
{
    /// <summary>The last run, if it ran.</summary>
    [JsonPropertyName("lastJob")]
    public ScheduledJobRun? LastJob { get; init; }

    /// <summary>When the next run is planned (none while suspended).</summary>
    [JsonPropertyName("nextJobRunAt")]
    public DateTimeOffset? NextJobRunAt { get; init; }
}
