using System.Text.Json.Serialization;
using SpaceFactory.Hf.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// The hardware a Job runs on (<c>flavor</c>), e.g. <c>cpu-basic</c> or <c>a10g-small</c>. An open set: the Hub adds
/// flavors over time, so any spelling is accepted; the current list comes from <see cref="JobsClient.ListHardwareAsync"/>.
/// </summary>
[JsonConverter(typeof(WireStringJsonConverter<JobFlavor>))]
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public readonly record struct JobFlavor : IWireString<JobFlavor>
{
    private readonly string? _value;

    /// <summary>Creates a flavor from its name.</summary>
    /// <param name="value">The flavor name, e.g. <c>t4-small</c>.</param>
    /// <exception cref="ArgumentException">The name is empty or contains blanks.</exception>
    public JobFlavor(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.AsSpan().ContainsAny(" \t\r\n"))
        {
            throw new ArgumentException($"Flavor '{value}' contains blanks; flavor names look like 'cpu-basic' or 'a10g-small'.", nameof(value));
        }

        _value = value;
    }

    private JobFlavor(string value, bool fromWire)
    {
        _value = value;
        _ = fromWire;
    }

    /// <summary>2 vCPU, 16 GB (the default).</summary>
    public static JobFlavor CpuBasic { get; } = new("cpu-basic");

    /// <summary>8 vCPU, 32 GB.</summary>
    public static JobFlavor CpuUpgrade { get; } = new("cpu-upgrade");

    /// <summary>CPU performance tier.</summary>
    public static JobFlavor CpuPerformance { get; } = new("cpu-performance");

    /// <summary>CPU XL tier.</summary>
    public static JobFlavor CpuXl { get; } = new("cpu-xl");

    /// <summary>Nvidia T4, small.</summary>
    public static JobFlavor T4Small { get; } = new("t4-small");

    /// <summary>Nvidia T4, medium.</summary>
    public static JobFlavor T4Medium { get; } = new("t4-medium");

    /// <summary>One Nvidia L4.</summary>
    public static JobFlavor L4X1 { get; } = new("l4x1");

    /// <summary>Four Nvidia L4.</summary>
    public static JobFlavor L4X4 { get; } = new("l4x4");

    /// <summary>One Nvidia L40S.</summary>
    public static JobFlavor L40SX1 { get; } = new("l40sx1");

    /// <summary>Four Nvidia L40S.</summary>
    public static JobFlavor L40SX4 { get; } = new("l40sx4");

    /// <summary>Eight Nvidia L40S.</summary>
    public static JobFlavor L40SX8 { get; } = new("l40sx8");

    /// <summary>Nvidia A10G, small.</summary>
    public static JobFlavor A10GSmall { get; } = new("a10g-small");

    /// <summary>Nvidia A10G, large.</summary>
    public static JobFlavor A10GLarge { get; } = new("a10g-large");

    /// <summary>Two Nvidia A10G, large.</summary>
    public static JobFlavor A10GLargeX2 { get; } = new("a10g-largex2");

    /// <summary>Four Nvidia A10G, large.</summary>
    public static JobFlavor A10GLargeX4 { get; } = new("a10g-largex4");

    /// <summary>One Nvidia A100.</summary>
    public static JobFlavor A100Large { get; } = new("a100-large");

    /// <summary>Four Nvidia A100.</summary>
    public static JobFlavor A100X4 { get; } = new("a100x4");

    /// <summary>Eight Nvidia A100.</summary>
    public static JobFlavor A100X8 { get; } = new("a100x8");

    /// <summary>One Nvidia H200.</summary>
    public static JobFlavor H200 { get; } = new("h200");

    /// <summary>Two Nvidia H200.</summary>
    public static JobFlavor H200X2 { get; } = new("h200x2");

    /// <summary>Four Nvidia H200.</summary>
    public static JobFlavor H200X4 { get; } = new("h200x4");

    /// <summary>Eight Nvidia H200.</summary>
    public static JobFlavor H200X8 { get; } = new("h200x8");

    /// <summary>One Nvidia RTX Pro 6000.</summary>
    public static JobFlavor RtxPro6000 { get; } = new("rtx-pro-6000");

    /// <summary>Two Nvidia RTX Pro 6000.</summary>
    public static JobFlavor RtxPro6000X2 { get; } = new("rtx-pro-6000x2");

    /// <summary>Four Nvidia RTX Pro 6000.</summary>
    public static JobFlavor RtxPro6000X4 { get; } = new("rtx-pro-6000x4");

    /// <summary>Eight Nvidia RTX Pro 6000.</summary>
    public static JobFlavor RtxPro6000X8 { get; } = new("rtx-pro-6000x8");

    /// <summary>The flavor name; empty for a default value.</summary>
    public string Value => _value ?? string.Empty;

    string? IWireString<JobFlavor>.WireValue => _value;

    /// <inheritdoc />
    static JobFlavor IWireString<JobFlavor>.FromWire(string value) => new(value, fromWire: true);

    /// <summary>The flavor name.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
