namespace SpaceFactory.Phases.Analysis;

/// <summary>Which hardware to request for a generated Space, in order of preference, and why.</summary>
public sealed record RuntimeRecommendation
{
    /// <summary>Flavors to request, best first (e.g. <c>zero-a10g</c>, then <c>l4x1</c>); empty when none fits.</summary>
    public required IReadOnlyList<string> Flavors { get; init; }

    /// <summary>Why each choice was made, in order.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>The allowed flavors the model does not fit, each with why (e.g. <c>t4-small: needs about 18.4 GiB, has 14.4 GiB usable</c>).</summary>
    public IReadOnlyList<string> Rejected { get; init; } = [];

    /// <summary>Estimated memory the model needs at inference time, in bytes, when it could be estimated.</summary>
    public long? EstimatedMemoryBytes { get; init; }

    /// <summary>Whether a person must pick hardware (nothing allowed fits the model).</summary>
    public bool ManualHardwareRequired { get; init; }

    /// <summary>Whether the app should use ZeroGPU's <c>@spaces.GPU</c> (the first flavor is ZeroGPU).</summary>
    public bool UsesZeroGpu => Flavors.Count > 0 && Flavors[0].StartsWith("zero", StringComparison.Ordinal);
}
