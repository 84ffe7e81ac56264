using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>A hardware flavor a Space can run on, with its price (one entry of <c>GET /api/spaces/hardware</c>).</summary>
public sealed record SpaceHardwareFlavor
{
    /// <summary>The flavor, e.g. <c>cpu-basic</c> or <c>t4-small</c> (an open set).</summary>
    [JsonPropertyName("name")]
    [JsonRequired]
    public string Name { get; init; } = string.Empty;

    /// <summary>A display name, e.g. <c>Nvidia T4 - small</c>.</summary>
    [JsonPropertyName("prettyName")]
    public string? PrettyName { get; init; }

    /// <summary>CPU description, e.g. <c>4 vCPU</c>.</summary>
    [JsonPropertyName("cpu")]
    public string? Cpu { get; init; }

    /// <summary>Memory description, e.g. <c>15 GB</c>.</summary>
    [JsonPropertyName("ram")]
    public string? Ram { get; init; }

    /// <summary>The accelerator, or <see langword="null"/> for CPU flavors.</summary>
    [JsonPropertyName("accelerator")]
    public SpaceHardwareAccelerator? Accelerator { get; init; }

    /// <summary>Price per <see cref="UnitLabel"/> in millionths of a US dollar.</summary>
    [JsonPropertyName("unitCostMicroUSD")]
    public long? UnitCostMicroUsd { get; init; }

    /// <summary>Price per <see cref="UnitLabel"/> in US dollars.</summary>
    [JsonPropertyName("unitCostUSD")]
    public decimal? UnitCostUsd { get; init; }

    /// <summary>The billing unit, e.g. <c>minute</c>.</summary>
    [JsonPropertyName("unitLabel")]
    public string? UnitLabel { get; init; }
}
