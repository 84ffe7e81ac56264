using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Core.Records;

/// <summary>One line of <c>events.jsonl</c>.</summary>
public sealed record RunEvent
{
    /// <summary>Sequence number, from 1, without gaps, continued across resumes.</summary>
    [JsonPropertyName("seq")]
    public long Seq { get; init; }

    /// <summary>When it happened.</summary>
    [JsonPropertyName("ts")]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The run.</summary>
    [JsonPropertyName("run_id")]
    public required string RunId { get; init; }

    /// <summary>The step it belongs to, if any.</summary>
    [JsonPropertyName("step")]
    public string? Step { get; init; }

    /// <summary>The event type, e.g. <c>step_started</c>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>A human message.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Structured details.</summary>
    [JsonPropertyName("data")]
    public JsonElement? Data { get; init; }
}
