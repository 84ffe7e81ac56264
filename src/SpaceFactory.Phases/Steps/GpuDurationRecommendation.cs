namespace SpaceFactory.Phases.Steps;

/// <summary>The ZeroGPU duration recommended from measured latencies (<c>tests/test_result.json</c>, <c>gpu_duration</c>).</summary>
/// <param name="Seconds">The duration to put in <c>@spaces.GPU(duration=…)</c>.</param>
/// <param name="Rule">How it was computed.</param>
/// <param name="ExceedsZeroGpu">Whether the calls need more than ZeroGPU grants.</param>
/// <param name="Advice">The advice in one line.</param>
internal sealed record GpuDurationRecommendation(int Seconds, string Rule, bool ExceedsZeroGpu, string Advice);
