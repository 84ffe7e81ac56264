using System.Text.Json;

namespace SpaceFactory.Phases.Steps;

/// <summary><c>tests/test_result.json</c>: what the validation sent, what came back, and the verdict.</summary>
internal sealed record ValidationTestResult
{
    /// <summary>Whether the live API passed.</summary>
    public required bool Passed { get; init; }

    /// <summary>Why.</summary>
    public required string Reason { get; init; }

    /// <summary>Whether the app was a simulation (no real inference ran).</summary>
    public bool Simulated { get; init; }

    /// <summary>The Space.</summary>
    public string? Space { get; init; }

    /// <summary>The endpoint called.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The inputs sent.</summary>
    public IReadOnlyList<JsonElement> Inputs { get; init; } = [];

    /// <summary>The outputs received (empty when the call failed).</summary>
    public IReadOnlyList<JsonElement> Outputs { get; init; } = [];

    /// <summary>The check applied (its kind).</summary>
    public string? Check { get; init; }

    /// <summary>What the check expects.</summary>
    public string? CheckDescription { get; init; }

    /// <summary>Latency of each call, in milliseconds.</summary>
    public IReadOnlyList<double> LatenciesMs { get; init; } = [];

    /// <summary>The first call's latency (it may wake the app or load the model), kept apart from p50/p95 when there were more calls.</summary>
    public double? ColdMs { get; init; }

    /// <summary>The output type the caller expected (<c>--expect</c>), if any.</summary>
    public string? ExpectedOutputType { get; init; }

    /// <summary>The output type the app's schema declares for its first return component, if known.</summary>
    public string? DeclaredOutputType { get; init; }

    /// <summary>The returned files stored with the run (<c>artifacts/…</c>).</summary>
    public IReadOnlyList<string> OutputFiles { get; init; } = [];

    /// <summary>The ZeroGPU duration recommended from the latencies.</summary>
    public GpuDurationRecommendation? GpuDuration { get; init; }

    /// <summary>Median latency.</summary>
    public double? P50Ms { get; init; }

    /// <summary>95th percentile latency.</summary>
    public double? P95Ms { get; init; }

    /// <summary>The JSON kind of the first output (<c>String</c>, <c>Object</c>...).</summary>
    public string? OutputType { get; init; }

    /// <summary>The API used (<c>call</c> or <c>queue</c>).</summary>
    public string? Protocol { get; init; }

    /// <summary>The app's Gradio version.</summary>
    public string? GradioVersion { get; init; }

    /// <summary>What the readiness endpoint answered, if called.</summary>
    public JsonElement? Health { get; init; }

    /// <summary>When the validation ran.</summary>
    public DateTimeOffset At { get; init; }
}
