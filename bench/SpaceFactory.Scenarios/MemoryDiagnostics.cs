using System.Globalization;
using System.Text;

namespace SpaceFactory.Scenarios;

/// <summary>
/// <c>--diagnose-memory</c>: one <c>MEMORY</c> line per stage of a child's workload, the process's resident memory
/// (VmRSS, VmHWM, RssAnon) next to what the GC says it holds (committed, heap, fragmentation, bytes allocated,
/// collections) and the cap of its generation-0 budget, so that a peak RSS can be told apart into GC
/// memory and the rest.
/// </summary>
/// <remarks>
/// The committed, heap and fragmentation figures are those of the last collection (0 before the first one), as
/// <see cref="GC.GetGCMemoryInfo()"/> reports them; the bytes allocated and /proc's figures are the current ones.
/// </remarks>
internal static class MemoryDiagnostics
{
    /// <summary>The line for <paramref name="stage"/>, e.g. <c>MEMORY stage=after-1000-lines rss_mib=27.1 …</c>.</summary>
    public static string Line(string stage)
    {
        var info = GC.GetGCMemoryInfo();
        var status = ReadStatus();
        var line = new StringBuilder("MEMORY stage=").Append(stage);
        Append(line, "rss_mib", status.GetValueOrDefault("VmRSS:"));
        Append(line, "hwm_mib", status.GetValueOrDefault("VmHWM:"));
        Append(line, "rss_anon_mib", status.GetValueOrDefault("RssAnon:"));
        Append(line, "gc_committed_mib", info.TotalCommittedBytes);
        Append(line, "gc_heap_mib", info.HeapSizeBytes);
        Append(line, "gc_fragmented_mib", info.FragmentedBytes);
        Append(line, "allocated_mib", GC.GetTotalAllocatedBytes());
        line.Append(CultureInfo.InvariantCulture, $" gc0={GC.CollectionCount(0)} gc1={GC.CollectionCount(1)} gc2={GC.CollectionCount(2)}");

        // The cap of the generation-0 budget the GC runs with (without System.GC.Gen0MaxBudget or DOTNET_GCGen0MaxBudget
        // the GC's own, e.g. 128 MiB), to see that a setting took effect.
        Append(line, "gen0_max_budget_mib", Setting(GC.GetConfigurationVariables(), "GCGen0MaxBudget"));
        return line.ToString();
    }

    private static long Setting(IReadOnlyDictionary<string, object> settings, string name) =>
        settings.TryGetValue(name, out var value) ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;

    private static void Append(StringBuilder line, string key, long bytes) =>
        line.Append(CultureInfo.InvariantCulture, $" {key}={bytes / (1024.0 * 1024):0.0}");

    /// <summary>The byte figures of /proc/self/status (empty where /proc is missing).</summary>
    private static Dictionary<string, long> ReadStatus()
    {
        var figures = new Dictionary<string, long>(StringComparer.Ordinal);
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return figures;
        }

        foreach (var line in File.ReadLines(status))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts is [var key, var kib, "kB"] && long.TryParse(kib, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                figures[key] = value * 1024;
            }
        }

        return figures;
    }
}
