using System.Globalization;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Analysis;

/// <summary>
/// Recommends Space hardware by climbing a ladder: CPU basic → CPU upgrade (when allowed) → ZeroGPU (when allowed) →
/// fixed GPUs from the cheapest to the largest (when allowed), each kept only when the model's estimated memory fits
/// it, its price is under the ceiling and (on CPU) the model is small enough to answer in time. When nothing allowed
/// fits, it says that a person must choose, and names the smallest flavor that would.
/// </summary>
public sealed class RuntimeRecommender
{
    /// <summary>Memory taken by Python, Gradio and Transformers before any weights, in bytes.</summary>
    public const long RuntimeOverheadBytes = 1024L * 1024 * 1024;

    /// <summary>Recommends hardware for an analysed model.</summary>
    /// <param name="analysis">The analysis (its size, dtype and quantisation are used).</param>
    /// <param name="options">What may be requested and what it may cost.</param>
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
        var size = analysis.Parameters is { } p ? $"{Format(p)} parameters ({analysis.ParametersSource})" : "an unknown number of parameters";
        var need = memory is { } m ? $"about {Gib(m)} GiB at inference" : "an unknown amount of memory";
        var catalog = options.Hardware ?? HardwareCatalog.Default;

        var fits = new List<HardwareFlavor>();
        var rejected = new List<string>();
        foreach (var flavor in Ladder(catalog, options))
        {
            if (WhyNot(flavor, analysis, memory, options) is { } why)
            {
                rejected.Add($"{flavor.Name}: {why}");
            }
            else
            {
                fits.Add(flavor);
            }
        }

        var reasons = new List<string>();
        if (fits.Count > 0 && fits[0].Kind == HardwareKind.Cpu && fits[0].HourlyPriceUsd == 0)
        {
            var zero = fits.Find(f => f.Kind == HardwareKind.ZeroGpu);
            if (analysis.Pipeline is SupportedPipeline.TextToImage or SupportedPipeline.ImageToImage && zero is not null)
            {
                // A diffusion model fits CPU memory but needs minutes per image there: ZeroGPU first, CPU basic as the fallback.
                reasons.Add($"{zero.Name}: {size} and {need} fit {fits[0].Name}, but image generation needs a GPU to answer in seconds; ZeroGPU is allowed");
                reasons.Add($"{fits[0].Name}: the fallback, slow but free");
                return Result([zero.Name, fits[0].Name], reasons, rejected, memory);
            }

            reasons.Add($"{fits[0].Name}: the model has {size} and needs {need}, which {fits[0].Name} (free) serves");
            return Result([fits[0].Name], reasons, rejected, memory);
        }

        if (fits.Count == 0)
        {
            // The hint: what the ceiling alone keeps out, else the smallest flavor of any kind.
            var smallest = Ladder(catalog, options with { MaxHourlyPriceUsd = null }).FirstOrDefault(f => WhyNot(f, analysis, memory, options) is null)
                ?? Ladder(catalog, options with { AllowCpuUpgrade = true, AllowZeroGpu = true, AllowFixedGpu = true, MaxHourlyPriceUsd = null })
                    .FirstOrDefault(f => WhyNot(f, analysis, memory, options) is null);
            reasons.Add($"no allowed hardware fits {size} and {need}: " + (smallest is null
                ? "no Space hardware the Hub lists is large enough; choose hardware by hand"
                : $"the smallest that fits is {smallest.Name} ({Price(smallest)}); {Enable(smallest, options)}, or choose hardware by hand in the Space settings"));
            return new RuntimeRecommendation { Flavors = [], Reasons = reasons, Rejected = rejected, EstimatedMemoryBytes = memory, ManualHardwareRequired = true };
        }

        var chosen = fits.Take(Math.Max(1, options.MaxCandidates)).ToList();
        foreach (var flavor in chosen)
        {
            reasons.Add($"{flavor.Name}: {size} and {need} fit its {Gib(Usable(flavor, options))} GiB usable {(flavor.Kind == HardwareKind.Cpu ? "RAM" : "GPU memory")} ({Price(flavor)})");
        }

        return Result([.. chosen.Select(f => f.Name)], reasons, rejected, memory);
    }

    /// <summary>Weights plus a fifth for activations plus the runtime's own overhead; the weights from the files, else the parameters at the saved dtype or quantisation.</summary>
    internal static long? EstimateMemory(ModelAnalysis analysis)
    {
        var weights = analysis.WeightBytes ?? (analysis.Parameters is { } p ? (long)(p * ModelSize.BytesPerWeight(analysis.Quantization, null, analysis.TorchDtype)) : null);
        return weights is { } w ? w + (w / 5) + RuntimeOverheadBytes : null;
    }

    /// <summary>The allowed flavors in the order they are tried: CPU basic, CPU upgrade, ZeroGPU, then single GPUs by price.</summary>
    private static IEnumerable<HardwareFlavor> Ladder(IReadOnlyList<HardwareFlavor> catalog, RuntimeOptions options)
    {
        var cpuBasic = catalog.FirstOrDefault(f => IsNamed(f, "cpu-basic")) ?? HardwareCatalog.Default[0];
        var ladder = new List<HardwareFlavor> { cpuBasic };
        if (options.AllowCpuUpgrade && catalog.FirstOrDefault(f => IsNamed(f, "cpu-upgrade")) is { } upgrade)
        {
            ladder.Add(upgrade);
        }

        if (options.AllowZeroGpu && catalog.FirstOrDefault(f => f.Kind == HardwareKind.ZeroGpu) is { } zero)
        {
            ladder.Add(zero);
        }

        if (options.AllowFixedGpu)
        {
            ladder.AddRange(catalog.Where(f => f.Kind == HardwareKind.Gpu && f.Accelerators == 1).OrderBy(f => f.HourlyPriceUsd).ThenBy(f => f.MemoryBytes));
        }

        return ladder.Where(f => options.MaxHourlyPriceUsd is not { } ceiling || f.HourlyPriceUsd <= ceiling);
    }

    /// <summary>Why the model cannot live on <paramref name="flavor"/>, or <see langword="null"/> when it can.</summary>
    private static string? WhyNot(HardwareFlavor flavor, ModelAnalysis analysis, long? memory, RuntimeOptions options)
    {
        if (flavor.Kind == HardwareKind.Cpu)
        {
            if (analysis.Quantization is { RequiresGpu: true } quantization)
            {
                return $"the {quantization.Method} weights need a CUDA GPU";
            }

            var limit = analysis.Quantization is { RequiresGpu: false } ? options.GgufCpuParameterLimit
                : IsNamed(flavor, "cpu-basic") ? options.CpuParameterLimit : options.CpuUpgradeParameterLimit;
            if (analysis.Parameters is { } parameters && parameters > limit)
            {
                return $"{Format(parameters)} parameters is more than the {Format(limit)} it serves in reasonable time";
            }
        }

        var usable = Usable(flavor, options);
        return memory is { } m && m > usable ? $"needs about {Gib(m)} GiB, has {Gib(usable)} GiB usable" : null;
    }

    /// <summary>The memory CPU basic offers a model (its RAM times <see cref="RuntimeOptions.CpuMemoryShare"/>).</summary>
    internal static long CpuBasicMemory(RuntimeOptions options) =>
        Usable((options.Hardware ?? HardwareCatalog.Default).FirstOrDefault(f => IsNamed(f, "cpu-basic")) ?? HardwareCatalog.Default[0], options);

    private static bool IsNamed(HardwareFlavor flavor, string name) => string.Equals(flavor.Name, name, StringComparison.Ordinal);

    private static long Usable(HardwareFlavor flavor, RuntimeOptions options) =>
        (long)(flavor.MemoryBytes * (flavor.Kind == HardwareKind.Cpu ? options.CpuMemoryShare : options.GpuMemoryShare));

    private static string Enable(HardwareFlavor flavor, RuntimeOptions options) => flavor.Kind switch
    {
        HardwareKind.ZeroGpu => "allow_zerogpu=true allows it",
        HardwareKind.Cpu => "allow_cpu_upgrade=true allows it",
        _ when !options.AllowFixedGpu => "allow_fixed_gpu=true" + (options.MaxHourlyPriceUsd is not null ? " with a high enough max_hourly_price" : string.Empty) + " allows it",
        _ => "a max_hourly_price of at least " + flavor.HourlyPriceUsd.ToString("0.00", CultureInfo.InvariantCulture) + " allows it",
    };

    private static RuntimeRecommendation Result(List<string> flavors, List<string> reasons, List<string> rejected, long? memory) =>
        new() { Flavors = flavors, Reasons = reasons, Rejected = rejected, EstimatedMemoryBytes = memory };

    private static string Price(HardwareFlavor flavor) =>
        flavor.HourlyPriceUsd == 0 ? "free" : "$" + flavor.HourlyPriceUsd.ToString("0.00", CultureInfo.InvariantCulture) + "/h";

    internal static string Gib(long bytes) => (bytes / (1024.0 * 1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Format(long parameters) => parameters switch
    {
        >= 1_000_000_000 => (parameters / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000 => (parameters / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (parameters / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "K",
        _ => parameters.ToString(CultureInfo.InvariantCulture),
    };
}
