using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Spaces;

/// <summary>The hardware flavors the Sandbox knows (names from the Hub's create-repo enum and <c>/api/jobs/hardware</c>).</summary>
internal static class HardwareCatalog
{
    private static readonly (string Name, string Pretty, string Cpu, string Ram, string? Gpu, string? Vram, int Quantity, int MicroUsd)[] Flavors =
    [
        ("cpu-basic", "CPU Basic", "2 vCPU", "16 GB", null, null, 0, 0),
        ("cpu-upgrade", "CPU Upgrade", "8 vCPU", "32 GB", null, null, 0, 500),
        ("cpu-performance", "CPU Performance", "32 vCPU", "256 GB", null, null, 0, 3167),
        ("cpu-xl", "CPU XL", "16 vCPU", "124 GB", null, null, 0, 1667),
        ("zero-a10g", "ZeroGPU", "2 vCPU", "16 GB", "A10G", "24 GB", 1, 0),
        ("t4-small", "Nvidia T4 - small", "4 vCPU", "15 GB", "T4", "16 GB", 1, 6667),
        ("t4-medium", "Nvidia T4 - medium", "8 vCPU", "30 GB", "T4", "16 GB", 1, 10000),
        ("l4x1", "1x Nvidia L4", "8 vCPU", "30 GB", "L4", "24 GB", 1, 13333),
        ("l4x4", "4x Nvidia L4", "48 vCPU", "186 GB", "L4", "96 GB", 4, 63333),
        ("l40sx1", "1x Nvidia L40S", "8 vCPU", "62 GB", "L40S", "48 GB", 1, 30000),
        ("a10g-small", "Nvidia A10G - small", "4 vCPU", "15 GB", "A10G", "24 GB", 1, 16667),
        ("a10g-large", "Nvidia A10G - large", "12 vCPU", "46 GB", "A10G", "24 GB", 1, 25000),
        ("a10g-largex2", "2x Nvidia A10G - large", "24 vCPU", "92 GB", "A10G", "48 GB", 2, 50000),
        ("a100-large", "Nvidia A100 - large", "12 vCPU", "142 GB", "A100", "80 GB", 1, 41667),
        ("h200", "1x Nvidia H200", "23 vCPU", "256 GB", "H200", "141 GB", 1, 83333),
    ];

    /// <summary>Every flavor name the Sandbox accepts.</summary>
    public static IEnumerable<string> Names => Flavors.Select(f => f.Name);

    public static bool IsKnown(string flavor) => Flavors.Any(f => string.Equals(f.Name, flavor, StringComparison.Ordinal));

    /// <summary>The <c>GET /api/jobs/hardware</c> (and <c>/api/spaces/hardware</c>) list.</summary>
    public static JsonArray ToJson()
    {
        var list = new JsonArray();
        foreach (var f in Flavors)
        {
            list.Append(new JsonObject
            {
                ["name"] = f.Name,
                ["prettyName"] = f.Pretty,
                ["cpu"] = f.Cpu,
                ["ram"] = f.Ram,
                ["ephemeralStorage"] = "20 GB",
                ["accelerator"] = f.Gpu is null ? null : new JsonObject
                {
                    ["type"] = "gpu",
                    ["model"] = f.Gpu,
                    ["quantity"] = f.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["vram"] = f.Vram,
                    ["manufacturer"] = "Nvidia",
                },
                ["unitCostMicroUSD"] = f.MicroUsd,
                ["unitCostUSD"] = f.MicroUsd / 1_000_000.0,
                ["unitLabel"] = "minute",
            });
        }

        return list;
    }
}
