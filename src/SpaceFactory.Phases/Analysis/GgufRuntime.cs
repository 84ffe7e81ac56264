namespace SpaceFactory.Phases.Analysis;

/// <summary>
/// Hardware for a GGUF chat: llama.cpp's CPU build runs the quantised file on the CPU, so CPU basic serves it when the
/// file fits its memory; a GPU would sit idle (the CPU build cannot use it), so none is requested.
/// </summary>
internal static class GgufRuntime
{
    public static RuntimeRecommendation Recommend(ModelAnalysis analysis, RuntimeOptions options)
    {
        var file = analysis.GgufFile ?? "the GGUF file";
        var cpuBasic = RuntimeRecommender.CpuBasicMemory(options);
        var memory = analysis.WeightBytes is { } bytes ? GgufQuantization.EstimateMemory(bytes) : (long?)null;
        if (memory is not { } need)
        {
            return new RuntimeRecommendation
            {
                Flavors = ["cpu-basic"],
                Reasons = [$"cpu-basic: llama.cpp runs {file} on the CPU; its size is unknown, so CPU basic (free) is tried first"],
            };
        }

        if (need <= cpuBasic)
        {
            return new RuntimeRecommendation
            {
                Flavors = ["cpu-basic"],
                Reasons = [$"cpu-basic: llama.cpp runs {file} on the CPU and needs about {RuntimeRecommender.Gib(need)} GiB, which CPU basic (free) serves"],
                EstimatedMemoryBytes = need,
            };
        }

        return new RuntimeRecommendation
        {
            Flavors = [],
            Reasons = [$"no allowed hardware fits {file}: llama.cpp runs it on the CPU and needs about {RuntimeRecommender.Gib(need)} GiB, more than CPU basic's {RuntimeRecommender.Gib(cpuBasic)} GiB; choose hardware by hand or a repository with a smaller quantisation"],
            EstimatedMemoryBytes = need,
            ManualHardwareRequired = true,
        };
    }
}
