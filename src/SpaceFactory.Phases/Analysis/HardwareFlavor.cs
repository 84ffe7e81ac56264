namespace SpaceFactory.Phases.Analysis;

/// <summary>One Space hardware flavor as the recommender weighs it: what kind, how much memory, what it costs.</summary>
public sealed record HardwareFlavor
{
    /// <summary>The Hub's name, e.g. <c>cpu-basic</c>, <c>zero-a10g</c>, <c>t4-small</c>.</summary>
    public required string Name { get; init; }

    /// <summary>CPU, ZeroGPU or a fixed GPU.</summary>
    public required HardwareKind Kind { get; init; }

    /// <summary>The memory the model lives in, in bytes: the RAM of a CPU flavor, the GPU memory (all GPUs) of a GPU flavor.</summary>
    public required long MemoryBytes { get; init; }

    /// <summary>How many accelerators (0 for CPU flavors).</summary>
    public int Accelerators { get; init; }

    /// <summary>The price in US dollars per hour (0 for the free flavors).</summary>
    public decimal HourlyPriceUsd { get; init; }
}
