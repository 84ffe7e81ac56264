namespace SpaceFactory.Phases.Analysis;

/// <summary>What hardware the factory may ask for on the user's behalf, and what it may cost.</summary>
public sealed record RuntimeOptions
{
    /// <summary>Whether ZeroGPU (<c>zero-a10g</c>, shared GPUs; free accounts get a few Spaces) may be requested. Default true.</summary>
    public bool AllowZeroGpu { get; init; } = true;

    /// <summary>Whether a paid, fixed GPU may be requested (the ladder T4 → L4 → A10G → L40S → A100 → …). Default false: it costs money.</summary>
    public bool AllowFixedGpu { get; init; }

    /// <summary>Whether the paid <c>cpu-upgrade</c> (8 vCPU, 32 GB) may be requested for models too big for CPU basic. Default false.</summary>
    public bool AllowCpuUpgrade { get; init; }

    /// <summary>The most a requested flavor may cost per hour, in US dollars; <see langword="null"/> for no ceiling.</summary>
    public decimal? MaxHourlyPriceUsd { get; init; }

    /// <summary>Largest model (parameters) served on CPU basic: a bigger one answers too slowly on 2 vCPU. Default 1.5 billion.</summary>
    public long CpuParameterLimit { get; init; } = 1_500_000_000;

    /// <summary>Largest model (parameters) served on CPU upgrade (8 vCPU). Default 3 billion.</summary>
    public long CpuUpgradeParameterLimit { get; init; } = 3_000_000_000;

    /// <summary>Largest GGUF model (parameters) served on CPU: llama.cpp runs quantised weights on CPU. Default 8 billion.</summary>
    public long GgufCpuParameterLimit { get; init; } = 8_000_000_000;

    /// <summary>Share of a CPU flavor's RAM the model may take (the rest is Python, Gradio and the OS). Default 0.75.</summary>
    public double CpuMemoryShare { get; init; } = 0.75;

    /// <summary>Share of a GPU's memory the model may take (the rest is the CUDA context and fragmentation). Default 0.9.</summary>
    public double GpuMemoryShare { get; init; } = 0.9;

    /// <summary>Most flavors to try, best first (each refusal is one more call to the Hub). Default 3.</summary>
    public int MaxCandidates { get; init; } = 3;

    /// <summary>The flavors to choose from (the Hub's list, <see cref="HardwareCatalog.FromHub"/>); <see langword="null"/> for <see cref="HardwareCatalog.Default"/>.</summary>
    public IReadOnlyList<HardwareFlavor>? Hardware { get; init; }
}
