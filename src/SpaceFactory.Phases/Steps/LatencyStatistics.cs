using System.Globalization;

namespace SpaceFactory.Phases.Steps;

/// <summary>Percentiles of call latencies (nearest-rank) and the ZeroGPU duration they suggest.</summary>
internal static class LatencyStatistics
{
    /// <summary>The ZeroGPU default of <c>@spaces.GPU</c> when no duration is given.</summary>
    public const int ZeroGpuDefaultSeconds = 60;

    /// <summary>The largest duration recommended: ZeroGPU's per-call limit is a few minutes and not documented; 120 s is accepted on every plan.</summary>
    public const int ZeroGpuMaxSeconds = 120;

    /// <summary>The smallest duration recommended.</summary>
    public const int ZeroGpuMinSeconds = 10;

    /// <summary>Added to the cold call: loading the model onto the GPU again after ZeroGPU released it.</summary>
    public const int ColdMarginSeconds = 10;

    /// <summary>The rule, in words, as the record and the report state it.</summary>
    public const string GpuDurationRule =
        "max(p95 x 1.5, cold first call + 10 s), rounded up to 5 s, kept within 10..120 s";

    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>
    /// A conservative <c>@spaces.GPU(duration=…)</c> from measured end-to-end latencies (which include the network and the
    /// queue, so they bound the GPU time from above). A shorter duration gets visitors a GPU sooner; too short a one
    /// aborts the call, hence the margin of half the p95 and the cold call with room for a reload.
    /// </summary>
    /// <param name="coldMs">The first call's latency.</param>
    /// <param name="p95Ms">The 95th percentile of the calls after it.</param>
    /// <returns>The recommendation.</returns>
    public static GpuDurationRecommendation RecommendGpuDuration(double coldMs, double p95Ms)
    {
        var needed = Math.Max(p95Ms / 1000 * 1.5, (coldMs / 1000) + ColdMarginSeconds);
        var rounded = (int)Math.Ceiling(needed / 5) * 5;
        var seconds = Math.Clamp(rounded, ZeroGpuMinSeconds, ZeroGpuMaxSeconds);
        var exceeds = rounded > ZeroGpuMaxSeconds;
        var advice = exceeds
            ? string.Create(CultureInfo.InvariantCulture, $"@spaces.GPU(duration={seconds}) at most: the calls need about {rounded} s, beyond what ZeroGPU grants; use dedicated GPU hardware")
            : string.Create(CultureInfo.InvariantCulture, $"@spaces.GPU(duration={seconds})");
        return new GpuDurationRecommendation(seconds, GpuDurationRule, exceeds, advice);
    }
}
