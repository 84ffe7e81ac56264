using System.Text.Json.Serialization;

namespace SpaceFactory.Core.Records;

/// <summary>One step's line in <c>state.json</c>.</summary>
public sealed record StepRecord
{
    /// <summary>The step name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Its status.</summary>
    [JsonPropertyName("status")]
    public StepStatus Status { get; init; }

    /// <summary>When it last started.</summary>
    [JsonPropertyName("started_at")]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    [JsonPropertyName("ended_at")]
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>How long it ran, in milliseconds.</summary>
    [JsonPropertyName("duration_ms")]
    public long? DurationMs { get; init; }

    /// <summary>How many times it was started (more than one after a resume).</summary>
    [JsonPropertyName("attempts")]
    public int Attempts { get; init; }

    /// <summary>The step's one-line summary.</summary>
    [JsonPropertyName("summary")]
    public string? Summary { get; init; }

    /// <summary>The outcome it declared, if any.</summary>
    [JsonPropertyName("outcome")]
    public RunOutcome? Outcome { get; init; }

    /// <summary>Its error, if it failed.</summary>
    [JsonPropertyName("error")]
    public ErrorRecord? Error { get; init; }

    /// <summary>Whether the step may be run again after a crash.</summary>
    [JsonPropertyName("safe_to_rerun")]
    public bool SafeToRerun { get; init; }
}
