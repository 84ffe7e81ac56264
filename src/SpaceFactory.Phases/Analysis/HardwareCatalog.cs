using System.Globalization;
using System.Text.RegularExpressions;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Phases.Analysis;

/// <summary>
/// The Space hardware flavors the recommender may climb: read from the Hub's <c>GET /api/spaces/hardware</c>
/// (<see cref="FromHub"/>), or <see cref="Default"/> (the Hub's list as of this release) when the Hub does not answer.
/// </summary>
public static partial class HardwareCatalog
{
    private const long Gib = 1024L * 1024 * 1024;

    /// <summary>The Hub's single-accelerator Space flavors with their memory and hourly price, as of this release.</summary>
    public static IReadOnlyList<HardwareFlavor> Default { get; } =
    [
        Cpu("cpu-basic", 16, 0m),
        Cpu("cpu-upgrade", 32, 0.03m),
        new() { Name = "zero-a10g", Kind = HardwareKind.ZeroGpu, MemoryBytes = 40 * Gib, Accelerators = 1 },
        Gpu("t4-small", 16, 0.40m),
        Gpu("t4-medium", 16, 0.60m),
        Gpu("l4x1", 24, 0.80m),
        Gpu("a10g-small", 24, 1.00m),
        Gpu("a10g-large", 24, 1.50m),
        Gpu("l40sx1", 48, 1.80m),
        Gpu("a100-large", 80, 2.50m),
        Gpu("h200", 141, 5.00m),
    ];

    /// <summary>
    /// Turns the Hub's hardware list into flavors: memory from <c>ram</c> (CPU) or the accelerator's <c>vram</c>,
    /// price from <c>unitCostUSD</c> per <c>unitLabel</c>. Entries whose memory cannot be read, and accelerators
    /// that are not GPUs (e.g. AWS Inferentia), are left out.
    /// </summary>
    /// <param name="flavors">The Hub's answer.</param>
    /// <returns>The flavors the recommender can weigh.</returns>
    public static IReadOnlyList<HardwareFlavor> FromHub(IEnumerable<SpaceHardwareFlavor> flavors)
    {
        ArgumentNullException.ThrowIfNull(flavors);
        var result = new List<HardwareFlavor>();
        foreach (var flavor in flavors)
        {
            var accelerator = flavor.Accelerator;
            var zero = flavor.Name.StartsWith("zero", StringComparison.Ordinal);
            if (accelerator is not null && accelerator.Type is { } type && !string.Equals(type, "gpu", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var memory = accelerator is null ? Bytes(flavor.Ram) : Bytes(accelerator.Vram);
            if (memory is null || (zero && accelerator is null))
            {
                continue;
            }

            result.Add(new HardwareFlavor
            {
                Name = flavor.Name,
                Kind = zero ? HardwareKind.ZeroGpu : accelerator is null ? HardwareKind.Cpu : HardwareKind.Gpu,
                MemoryBytes = memory.Value,
                Accelerators = accelerator is null ? 0 : int.TryParse(accelerator.Quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1,
                HourlyPriceUsd = zero ? 0m : HourlyPrice(flavor),
            });
        }

        return result;
    }

    /// <summary>Reads <c>16 GB</c>, <c>15.5 GiB</c> or <c>512 MB</c> as bytes (GB read as GiB, as the Hub rounds them).</summary>
    internal static long? Bytes(string? text)
    {
        var match = text is null ? null : SizePattern().Match(text);
        if (match is not { Success: true } || !double.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        var unit = match.Groups["u"].Value.ToUpperInvariant();
        var scale = unit[0] switch
        {
            'T' => 1024 * Gib,
            'G' => Gib,
            'M' => Gib / 1024,
            _ => Gib / 1024 / 1024,
        };
        return (long)(n * scale);
    }

    private static decimal HourlyPrice(SpaceHardwareFlavor flavor)
    {
        var perUnit = flavor.UnitCostUsd ?? (flavor.UnitCostMicroUsd is { } micro ? micro / 1_000_000m : 0m);
        return decimal.Round(flavor.UnitLabel?.ToLowerInvariant() switch
        {
            "second" => perUnit * 3600,
            "hour" => perUnit,
            _ => perUnit * 60,
        }, 2);
    }

    private static HardwareFlavor Cpu(string name, int ramGib, decimal price) =>
        new() { Name = name, Kind = HardwareKind.Cpu, MemoryBytes = ramGib * Gib, HourlyPriceUsd = price };

    private static HardwareFlavor Gpu(string name, int vramGib, decimal price) =>
        new() { Name = name, Kind = HardwareKind.Gpu, MemoryBytes = vramGib * Gib, Accelerators = 1, HourlyPriceUsd = price };

    [GeneratedRegex(@"^\s*(?<n>\d+(?:\.\d+)?)\s*(?<u>[KMGT]i?B)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SizePattern();
}
