namespace SpaceFactory.Sandbox;

/// <summary>
/// Injects faults into requests whose path starts with <see cref="PathPrefix"/> (and whose method is in
/// <see cref="Methods"/>). Rates are probabilities in [0, 1], drawn from the Sandbox's seeded generator.
/// </summary>
public sealed class FaultRule
{
    /// <summary>Path prefix the rule applies to (e.g. <c>/api/spaces/</c>); null or empty means every path.</summary>
    public string? PathPrefix { get; init; }

    /// <summary>HTTP methods the rule applies to; null or empty means every method.</summary>
    public IReadOnlyCollection<string>? Methods { get; init; }

    /// <summary>Probability of a 5xx answer (<see cref="ServerErrorStatus"/>).</summary>
    public double Rate5xx { get; init; }

    /// <summary>The status of an injected server error. Default 503.</summary>
    public int ServerErrorStatus { get; init; } = 503;

    /// <summary>Probability of a 429 with <c>Retry-After</c>.</summary>
    public double Rate429 { get; init; }

    /// <summary>The <c>Retry-After</c> seconds of an injected 429. Default 1.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Probability of a dropped connection (the connection is aborted, no response).</summary>
    public double RateDrop { get; init; }

    /// <summary>Latency added before every matching request (wall clock).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Probability of a latency spike of <see cref="LatencySpike"/> on top of <see cref="Latency"/>.</summary>
    public double LatencySpikeRate { get; init; }

    /// <summary>The extra delay of a latency spike (wall clock). Default 50 ms.</summary>
    public TimeSpan LatencySpike { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Probability that an injected fault is applied after the handler ran (its effect happens, its answer is lost),
    /// in addition to <see cref="AfterHandler"/> which applies every fault after the handler.
    /// </summary>
    public double AfterHandlerRate { get; init; }

    /// <summary>
    /// Apply the fault after the handler ran: the write happens, the response is lost (replaced by the fault).
    /// For testing reconciliation of non-idempotent calls.
    /// </summary>
    public bool AfterHandler { get; init; }

    /// <summary>Also apply the rule to the simulated Gradio apps of Spaces (default: only the Hub endpoint).</summary>
    public bool IncludeSpaceApps { get; init; }

    /// <summary>True when the rule applies to this request.</summary>
    public bool Matches(string method, string path)
        => (string.IsNullOrEmpty(PathPrefix) || path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase))
           && (Methods is null || Methods.Count == 0 || Methods.Contains(method, StringComparer.OrdinalIgnoreCase));
}
