using System.Diagnostics;
using System.Globalization;

namespace SpaceFactory.Cli.Hosting;

/// <summary>
/// Opt-in start-up timing (<c>SPACE_FACTORY_STARTUP_TRACE=1</c>): one stderr line per stage with the time since the
/// process started, the CPU time, the JIT's method count and time so far and the resident memory, so that the cold path can be
/// broken down (docs/native.md, "Cold start"). A harness that knows when it spawned the process may pass that moment
/// instead of <c>1</c>, as <c>CLOCK_MONOTONIC</c> nanoseconds, for a start more precise than <c>/proc</c>'s 10 ms ticks.
/// </summary>
internal static class StartupTrace
{
    /// <summary>The variable that turns the trace on.</summary>
    public const string Variable = "SPACE_FACTORY_STARTUP_TRACE";

    private static readonly long? StartTimestamp = ReadStart();
    private static ActivityListener? firstRequest;

    /// <summary>Whether the trace is on.</summary>
    public static bool Enabled => StartTimestamp is not null;

    /// <summary>Marks <paramref name="stage"/>; does nothing unless the trace is on.</summary>
    public static void Mark(string stage)
    {
        if (StartTimestamp is not { } start)
        {
            return;
        }

        var sinceStart = Stopwatch.GetElapsedTime(start, Stopwatch.GetTimestamp());
        var (rss, hwm, anon) = Memory();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"startup-trace stage={stage} t_ms={sinceStart.TotalMilliseconds:F1} cpu_ms={Environment.CpuUsage.TotalTime.TotalMilliseconds:F1} jit_methods={System.Runtime.JitInfo.GetCompiledMethodCount()} jit_ms={System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F1} gc_alloc_kib={GC.GetTotalAllocatedBytes() / 1024} rss_kib={rss} hwm_kib={hwm} rss_anon_kib={anon} gc_heap_kib={GC.GetGCMemoryInfo().HeapSizeBytes / 1024} gc_committed_kib={GC.GetGCMemoryInfo().TotalCommittedBytes / 1024}"));
    }

    /// <summary>Marks <c>main</c> and, when the first HTTP request leaves, <c>first-request</c>.</summary>
    public static void Start()
    {
        if (!Enabled)
        {
            return;
        }

        Mark("main");
        firstRequest = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStarted = static _ =>
            {
                if (Interlocked.Exchange(ref firstRequest, null) is { } listener)
                {
                    Mark("first-request");
                    listener.Dispose();
                }
            },
        };
        ActivitySource.AddActivityListener(firstRequest);
    }

    private static long? ReadStart()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(value) || value == "0")
        {
            return null;
        }

        // Stopwatch timestamps are CLOCK_MONOTONIC nanoseconds on Linux; a harness's spawn moment is on the same clock.
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var spawned) && spawned > 1 && Stopwatch.Frequency == 1_000_000_000)
        {
            return spawned;
        }

        return ProcessStart() ?? Stopwatch.GetTimestamp();
    }

    /// <summary>The process's start (field 22 of <c>/proc/self/stat</c>, clock ticks since boot) as a Stopwatch timestamp.</summary>
    private static long? ProcessStart()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[19], CultureInfo.InvariantCulture); // field 22; the split starts at field 3
            var uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
            var age = TimeSpan.FromSeconds(uptime - (ticks / 100.0));
            return Stopwatch.GetTimestamp() - (long)(age.TotalSeconds * Stopwatch.Frequency);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>VmRSS, VmHWM and RssAnon (the rest of RSS is mapped files: the runtime, assemblies, the binary).</summary>
    private static (long Rss, long Hwm, long Anon) Memory()
    {
        long rss = 0, hwm = 0, anon = 0;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kib(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kib(line);
                }
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    anon = Kib(line);
                }
            }
        }
        catch (IOException)
        {
        }

        return (rss, hwm, anon);
    }

    private static long Kib(string line) => long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
}
