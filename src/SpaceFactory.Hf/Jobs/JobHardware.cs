using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>A hardware flavor Jobs can run on, with its price (<c>GET /api/jobs/hardware</c>).</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record JobHardware
{
    /// <summary>The flavor to put in <see cref="JobSpec.Flavor"/>.</summary>
    [JsonPropertyName("name")]
    [JsonRequired]
    public JobFlavor Name { get; init; }

    /// <summary>A display name, e.g. <c>CPU Basic</c>.</summary>
    [JsonPropertyName("prettyName")]
    public string? PrettyName { get; init; }

    /// <summary>CPU description, e.g. <c>2 vCPU</c>.</summary>
    [JsonPropertyName("cpu")]
    public string? Cpu { get; init; }

    /// <summary>Memory description, e.g. <c>16 GB</c>.</summary>
    [JsonPropertyName("ram")]
    public string? Ram { get; init; }

    /// <summary>Disk description, e.g. <c>20 GB</c>.</summary>
    [JsonPropertyName("ephemeralStorage")]
    public string? EphemeralStorage { get; init; }

    /// <summary>The accelerator, or <see langword="null"/> for CPU flavors.</summary>
    [JsonPropertyName("accelerator")]
    public JobAccelerator? Accelerator { get; init; }

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
