using System.Globalization;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Analysis;

/// <summary>
/// Recommends Space hardware from a model's size: CPU basic for small models, ZeroGPU first when allowed, a fixed
/// GPU only when enabled; otherwise it says that a person must choose.
/// </summary>
public sealed class RuntimeRecommender
{
    /// <summary>Memory taken by Python, Gradio and Transformers before any weights, in bytes.</summary>
    public const long RuntimeOverheadBytes = 1024L * 1024 * 1024;

    /// <summary>Recommends hardware for an analysed model.</summary>
    /// <param name="analysis">The analysis (its size figures are used).</param>
    /// <param name="options">What may be requested.</param>
    /// <returns>The flavors in order of preference with reasons.</returns>
    public RuntimeRecommendation Recommend(ModelAnalysis analysis, RuntimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        options ??= new RuntimeOptions();
        if (analysis.Pipeline == SupportedPipeline.GgufChat)
        {
            return GgufRuntime.Recommend(analysis, options);
        }

        var memory = EstimateMemory(analysis);
        var reasons = new List<string>();
        var size = analysis.Parameters is { } p ? $"{Format(p)} parameters ({analysis.ParametersSource})" : "an unknown number of parameters";
        var need = memory is { } m ? $"about {Gib(m)} GiB at inference" : "an unknown amount of memory";

        var fitsCpu = (analysis.Parameters ?? 0) <= options.CpuParameterLimit && (memory ?? 0) <= options.CpuMemoryBytes;
        var gpuFirst = analysis.Pipeline == SupportedPipeline.TextToImage && options.AllowZeroGpu && (memory ?? 0) <= options.ZeroGpuMemoryBytes;
        if (fitsCpu && gpuFirst)
        {
            // A diffusion model fits CPU memory but needs minutes per image there: ZeroGPU first, CPU basic as the fallback.
            reasons.Add($"zero-a10g: {size} and {need} fit CPU basic, but image generation needs a GPU to answer in seconds; ZeroGPU is allowed");
            reasons.Add("cpu-basic: the fallback, slow but free");
            return new RuntimeRecommendation { Flavors = ["zero-a10g", "cpu-basic"], Reasons = reasons, EstimatedMemoryBytes = memory };
        }

        if (fitsCpu)
        {
            reasons.Add($"cpu-basic: the model has {size} and needs {need}, which CPU basic (free) serves");
            return new RuntimeRecommendation { Flavors = ["cpu-basic"], Reasons = reasons, EstimatedMemoryBytes = memory };
        }

        var flavors = new List<string>();
        if (options.AllowZeroGpu && (memory ?? 0) <= options.ZeroGpuMemoryBytes)
        {
            flavors.Add("zero-a10g");
            reasons.Add($"zero-a10g: {size} and {need} is too much for CPU basic; ZeroGPU is allowed and fits");
        }

        if (options.AllowFixedGpu && (memory ?? 0) <= options.FixedGpuMemoryBytes)
        {
            flavors.Add(options.FixedGpuFlavor);
            reasons.Add($"{options.FixedGpuFlavor}: the fixed GPU fallback is enabled and fits {need}");
        }

        if (flavors.Count == 0)
        {
            reasons.Add($"no allowed hardware fits {size} and {need}: enable ZeroGPU or a fixed GPU, or choose hardware by hand");
            return new RuntimeRecommendation { Flavors = [], Reasons = reasons, EstimatedMemoryBytes = memory, ManualHardwareRequired = true };
        }

        return new RuntimeRecommendation { Flavors = flavors, Reasons = reasons, EstimatedMemoryBytes = memory };
    }

    /// <summary>Weights plus a fifth for activations plus the runtime's own overhead.</summary>
    private static long? EstimateMemory(ModelAnalysis analysis)
    {
        var weights = analysis.WeightBytes ?? (analysis.Parameters is { } p ? p * 4 : null);
        return weights is { } w ? w + (w / 5) + RuntimeOverheadBytes : null;
    }

    internal static string Gib(long bytes) => (bytes / (1024.0 * 1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Format(long parameters) => parameters switch
    {
        >= 1_000_000_000 => (parameters / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000 => (parameters / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (parameters / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "K",
        _ => parameters.ToString(CultureInfo.InvariantCulture),
    };
}
