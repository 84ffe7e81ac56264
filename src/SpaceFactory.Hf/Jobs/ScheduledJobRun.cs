using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>One run of a scheduled Job: an ordinary Job.</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record ScheduledJobRun
{
    /// <summary>The Job id of the run.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>When it started.</summary>
    [JsonPropertyName("at")]
    public DateTimeOffset? At { get; init; }
}
