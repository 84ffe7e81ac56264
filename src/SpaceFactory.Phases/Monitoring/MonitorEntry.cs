using System.Text.Json.Serialization;
using SpaceFactory.Core;

namespace SpaceFactory.Phases.Monitoring;

/// <summary>
/// One check of a monitored Space: one JSON line (snake_case) of <c>monitors/&lt;owner&gt;/&lt;space&gt;/history.jsonl</c>
/// in the run record store, appended by every <c>validate-space</c> run (by hand or from a scheduled Job).
/// </summary>
/// <param name="Time">When the check ended.</param>
/// <param name="RunId">The run that made the check (its record holds the details).</param>
/// <param name="Space">The Space checked, <c>owner/name</c>.</param>
/// <param name="Outcome">The run's outcome code, e.g. <c>full_inference_success</c> or <c>runtime_error</c>.</param>
/// <param name="Passed">Whether the check passed.</param>
public sealed record MonitorEntry(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("space")] string Space,
    [property: JsonPropertyName("outcome")] OutcomeCode Outcome,
    [property: JsonPropertyName("passed")] bool Passed)
{
    /// <summary>The first call's latency in milliseconds (it may wake the Space or load the model); <see langword="null"/> when no call answered.</summary>
    [JsonPropertyName("cold_ms")]
    public double? ColdMs { get; init; }

    /// <summary>The median latency of the calls after the first, in milliseconds (of the first when it was the only one).</summary>
    [JsonPropertyName("p50_ms")]
    public double? P50Ms { get; init; }

    /// <summary>The 95th percentile latency of the calls after the first, in milliseconds (of the first when it was the only one).</summary>
    [JsonPropertyName("p95_ms")]
    public double? P95Ms { get; init; }

    /// <summary>The output type the Space returned (<c>text</c>, <c>image</c>, <c>audio</c>, <c>label</c>, <c>json</c>, <c>file</c>).</summary>
    [JsonPropertyName("output_type")]
    public string? OutputType { get; init; }

    /// <summary>How many calls were made.</summary>
    [JsonPropertyName("calls")]
    public int Calls { get; init; }

    /// <summary>The recommended ZeroGPU duration in seconds (<c>@spaces.GPU(duration=…)</c>), when one could be computed.</summary>
    [JsonPropertyName("recommended_gpu_duration_seconds")]
    public int? RecommendedGpuDurationSeconds { get; init; }

    /// <summary>Why the check failed, or its one-line summary; at most <see cref="MonitorHistory.MaxReasonLength"/> characters.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
