using System.Text.Json.Serialization;

namespace SpaceFactory.Core.Records;

/// <summary>The validation result shown in <c>state.json</c> and <c>report.md</c>.</summary>
public sealed record ValidationSummary
{
    /// <summary>Whether the live API passed the check.</summary>
    [JsonPropertyName("passed")]
    public bool Passed { get; init; }

    /// <summary>What was checked and what came back.</summary>
    [JsonPropertyName("summary")]
    public required string Summary { get; init; }

    /// <summary>Whether the API was a simulation (no real inference).</summary>
    [JsonPropertyName("simulated")]
    public bool Simulated { get; init; }

    /// <summary>Latency of the call, in milliseconds.</summary>
    [JsonPropertyName("latency_ms")]
    public double? LatencyMs { get; init; }
}
