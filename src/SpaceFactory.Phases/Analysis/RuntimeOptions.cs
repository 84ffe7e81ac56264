namespace SpaceFactory.Phases.Analysis;

/// <summary>What hardware the factory may ask for on the user's behalf.</summary>
public sealed record RuntimeOptions
{
    /// <summary>Whether ZeroGPU (<c>zero-a10g</c>, shared GPUs; free accounts get a few Spaces) may be requested. Default true.</summary>
    public bool AllowZeroGpu { get; init; } = true;

    /// <summary>Whether a paid, fixed GPU may be requested as a fallback. Default false: it costs money.</summary>
    public bool AllowFixedGpu { get; init; }

    /// <summary>The fixed GPU flavor to fall back to. Default <c>t4-small</c> (16 GB).</summary>
    public string FixedGpuFlavor { get; init; } = "t4-small";

    /// <summary>Largest model (parameters) served on CPU basic. Default 1.5 billion.</summary>
    public long CpuParameterLimit { get; init; } = 1_500_000_000;

    /// <summary>Memory available on CPU basic for the model. Default 12 GiB of its 16 GB.</summary>
    public long CpuMemoryBytes { get; init; } = 12L * 1024 * 1024 * 1024;

    /// <summary>Memory of a ZeroGPU slice. Default 40 GiB.</summary>
    public long ZeroGpuMemoryBytes { get; init; } = 40L * 1024 * 1024 * 1024;

    /// <summary>Memory of <see cref="FixedGpuFlavor"/>. Default 15 GiB (T4).</summary>
    public long FixedGpuMemoryBytes { get; init; } = 15L * 1024 * 1024 * 1024;
}
