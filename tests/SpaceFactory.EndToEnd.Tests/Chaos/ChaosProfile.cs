using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Phases.Steps;
using SpaceFactory.Sandbox;

namespace SpaceFactory.EndToEnd.Tests.Chaos;

/// <summary>
/// The faults of the chaos runs, on every route of the Hub and of the Space apps: 20% 5xx, 5% dropped connections,
/// 429 with <c>Retry-After</c> on 10% of reads, 5% latency spikes; half of the faults on writes strike after the write
/// took effect (the answer is lost), which is what reconciliation exists for.
/// </summary>
internal static class ChaosProfile
{
    /// <summary>Step-level attempts of writes (after looking) and validation calls, with short pauses for the test.</summary>
    public static void Retries(IServiceCollection services) =>
        services.AddSingleton(new StepRetryOptions { MaxAttempts = 8, Delay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200) });

    public static void Apply(HfSandboxOptions options)
    {
        options.FaultSeed = 20261124;
        options.Faults.Add(new FaultRule
        {
            Methods = ["GET", "HEAD"],
            Rate5xx = 0.20,
            RateDrop = 0.05,
            Rate429 = 0.10,
            RetryAfterSeconds = 1,
            LatencySpikeRate = 0.05,
            LatencySpike = TimeSpan.FromMilliseconds(100),
            IncludeSpaceApps = true,
        });
        options.Faults.Add(new FaultRule
        {
            Methods = ["POST", "PUT", "PATCH", "DELETE"],
            Rate5xx = 0.20,
            RateDrop = 0.05,
            AfterHandlerRate = 0.5,
            LatencySpikeRate = 0.05,
            LatencySpike = TimeSpan.FromMilliseconds(100),
            IncludeSpaceApps = true,
        });
    }
}
