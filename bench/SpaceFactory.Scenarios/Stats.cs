using System.Globalization;

namespace SpaceFactory.Scenarios;

/// <summary>Percentiles and the process's memory figures.</summary>
internal static class Stats
{
    /// <summary>The nearest-rank percentile (0–100) of the samples.</summary>
    public static double Percentile(IReadOnlyList<double> samples, double percentile)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyList<double> samples) => Percentile(samples, 50);

    /// <summary>Peak resident set (VmHWM) of this process in MiB; the peak working set where /proc is missing.</summary>
    public static double PeakRssMiB() => ReadStatusKiB("VmHWM:") is { } kib ? kib / 1024.0 : Environment.WorkingSet / (1024.0 * 1024);

    /// <summary>Current resident set (VmRSS) of this process in MiB.</summary>
    public static double RssMiB() => ReadStatusKiB("VmRSS:") is { } kib ? kib / 1024.0 : Environment.WorkingSet / (1024.0 * 1024);

    /// <summary>CPU time (user + system) this process has used, in milliseconds: robust to a busy machine where wall time is not.</summary>
    public static double CpuMs()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    /// <summary>The 1-minute load average (0 where /proc is missing): other work competing for the cores.</summary>
    public static double LoadAverage()
    {
        const string loadavg = "/proc/loadavg";
        return File.Exists(loadavg) ? double.Parse(File.ReadAllText(loadavg).Split(' ')[0], CultureInfo.InvariantCulture) : 0;
    }

    private static long? ReadStatusKiB(string key)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return null;
        }

        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var digits = line[key.Length..].Trim().Split(' ')[0];
                return long.Parse(digits, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
