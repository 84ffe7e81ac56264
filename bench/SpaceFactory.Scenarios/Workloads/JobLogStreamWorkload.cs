using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Scenarios.Servers;

namespace SpaceFactory.Scenarios.Workloads;

/// <summary>
/// P2: <see cref="JobsClient.StreamLogsAsync"/> reads a Job log of N <c>data: {"data","timestamp"}</c> events (a
/// keep-alive every 1000) from a local server. The payload is rendered once in the runner; the client runs in a child
/// process so that its peak RSS is its own.
/// </summary>
internal static class JobLogStreamWorkload
{
    private const double BudgetLinesPerSecond = 2_000_000;
    private const double BudgetRssMiB = 40;
    private const string JobId = "687fb701029421ae5549d998";

    public static async Task<ScenarioResult> RunAsync(ScenarioOptions options, CancellationToken cancellationToken)
    {
        var result = new ScenarioResult("P2", $"{options.P2Lines:N0} log events >= 2 M lines/s, peak RSS <= {BudgetRssMiB} MiB{(options.P2Steady ? " (after a first full stream)" : string.Empty)}");
        await using var server = options.Url is null ? await StartServerAsync(options.P2Lines, cancellationToken).ConfigureAwait(false) : null;
        var target = options.Url ?? server!.Endpoint;
        var warmup = options.P2Steady ? Warmup.FullStream : Warmup.ShortStream;
        if (options.NoChild)
        {
            result.ReadChild((await ClientAsync(target, options.P2Lines, warmup, options.DiagnoseMemory ? Console.Error : null, cancellationToken).ConfigureAwait(false)).ToJson());
            result.Note = "in-process (--no-child): the RSS includes the runner and the payload";
        }
        else
        {
            await ChildProcess.RunAsync(result, "P2", target, options, token: null, binary: null, cancellationToken).ConfigureAwait(false);

            // The first stream of a fresh process from its request (connection and first calls included).
            var cold = new ScenarioResult("P2", string.Empty);
            await ChildProcess.RunAsync(cold, "P2COLD", target, options, token: null, binary: null, cancellationToken).ConfigureAwait(false);
            result.Extra["cold_lines_per_s"] = cold.LinesPerSecond ?? 0;
            result.Extra["cold_peak_rss_mib"] = cold.PeakRssMiB ?? 0;
            result.Extra["cold_lines_per_cpu_s"] = cold.Extra.GetValueOrDefault("lines_per_cpu_s");
            if (options.Native is { } native)
            {
                var aot = new ScenarioResult("P2", string.Empty);
                await ChildProcess.RunAsync(aot, "P2", target, options, token: null, binary: native, cancellationToken).ConfigureAwait(false);
                result.Extra["native_lines_per_s"] = aot.LinesPerSecond ?? 0;
                result.Extra["native_lines_per_cpu_s"] = aot.Extra.GetValueOrDefault("lines_per_cpu_s");
                result.Extra["native_peak_rss_mib"] = aot.PeakRssMiB ?? 0;
                result.Extra["native_rss_before_mib"] = aot.Extra.GetValueOrDefault("rss_before_mib");

                // The native build's own first stream: the process's very first request, nothing warmed up.
                var aotCold = new ScenarioResult("P2", string.Empty);
                await ChildProcess.RunAsync(aotCold, "P2COLD", target, options, token: null, binary: native, cancellationToken).ConfigureAwait(false);
                result.Extra["native_cold_lines_per_s"] = aotCold.LinesPerSecond ?? 0;
                result.Extra["native_cold_peak_rss_mib"] = aotCold.PeakRssMiB ?? 0;
                result.Extra["native_cold_lines_per_cpu_s"] = aotCold.Extra.GetValueOrDefault("lines_per_cpu_s");
            }
        }

        result.Met = result.LinesPerSecond >= BudgetLinesPerSecond && result.PeakRssMiB <= BudgetRssMiB;
        if (result.Extra.TryGetValue("native_peak_rss_mib", out var nativeRss))
        {
            // The RSS budget is the native build's.
            result.Met = result.LinesPerSecond >= BudgetLinesPerSecond && result.Extra["native_lines_per_s"] >= BudgetLinesPerSecond && nativeRss <= BudgetRssMiB;
        }

        if (options.Url is not null)
        {
            result.Note = "against " + options.Url.Authority;
        }

        return result;
    }

    /// <summary>The server alone (<c>serve p2</c>): <c>GET /api/jobs/bench/{id}/logs</c> streams the rendered log.</summary>
    public static async Task<LocalServer> StartServerAsync(long lines, CancellationToken cancellationToken)
    {
        var payload = Render(lines);
        return await LocalServer.StartAsync(context => ServeAsync(context, payload), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the client streams before the measured one.</summary>
    public enum Warmup
    {
        /// <summary>None: the measured stream is the process's first request (cold).</summary>
        None,

        /// <summary>About 1,300 lines: connection and first calls, before the measured first million.</summary>
        ShortStream,

        /// <summary>The whole stream once: the JIT's steady state.</summary>
        FullStream,
    }

    /// <summary>
    /// The client side: stream every line and count it; figures for the parent. <paramref name="diagnostics"/>
    /// (<c>--diagnose-memory</c>): where to print the <see cref="MemoryDiagnostics"/> lines of the measured stream.
    /// </summary>
    public static async Task<ScenarioResult> ClientAsync(Uri target, long expectedLines, Warmup warmup, TextWriter? diagnostics, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddHuggingFace(o =>
        {
            o.Endpoint = target;
            o.Token = "hf_scenario_p2_test_token_00000";
        });
        await using var provider = services.BuildServiceProvider();
        var jobs = provider.GetRequiredService<JobsClient>();
        if (warmup != Warmup.None)
        {
            await CountAsync(jobs, warmup == Warmup.FullStream ? JobId : "warmup", diagnostics: null, cancellationToken).ConfigureAwait(false);
        }

        if (diagnostics is not null)
        {
            await diagnostics.WriteLineAsync(MemoryDiagnostics.Line("before-stream")).ConfigureAwait(false);
        }

        var rssBefore = Stats.RssMiB();
        var cpuBefore = Stats.CpuMs();
        var started = Stopwatch.GetTimestamp();
        var lines = await CountAsync(jobs, JobId, diagnostics, cancellationToken).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuMs = Stats.CpuMs() - cpuBefore;
        if (diagnostics is not null)
        {
            await diagnostics.WriteLineAsync(MemoryDiagnostics.Line("end-of-stream")).ConfigureAwait(false);
        }

        if (lines != expectedLines)
        {
            throw new InvalidOperationException($"Read {lines} lines, expected {expectedLines}.");
        }

        var figures = new ScenarioResult("P2", string.Empty)
        {
            Runs = 1,
            MedianMs = seconds * 1000,
            LinesPerSecond = lines / seconds,
            PeakRssMiB = Stats.PeakRssMiB(),
        };
        figures.Extra["lines"] = lines;
        figures.Extra["cpu_ms"] = cpuMs;
        figures.Extra["lines_per_cpu_s"] = lines / (cpuMs / 1000);
        figures.Extra["rss_before_mib"] = rssBefore;
        return figures;
    }

    private static async Task<long> CountAsync(JobsClient jobs, string id, TextWriter? diagnostics, CancellationToken cancellationToken)
    {
        var lines = 0L;
        var characters = 0L;
        await foreach (var line in jobs.StreamLogsAsync(id == "warmup" ? "warmup0000" : id, owner: "bench", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            lines++;
            characters += line.Text.Length;
            if (lines == 1000 && diagnostics is not null)
            {
                // Once, inside the timed stream: a read of /proc and of the GC's figures (only with --diagnose-memory).
                await diagnostics.WriteLineAsync(MemoryDiagnostics.Line("after-1000-lines")).ConfigureAwait(false);
            }
        }

        return characters > 0 ? lines : 0;
    }

    private static async Task ServeAsync(HttpContext context, byte[] payload)
    {
        if (!context.Request.Path.StartsWithSegments("/api/jobs/bench", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var length = context.Request.Path.Value!.Contains("warmup", StringComparison.Ordinal) ? Math.Min(payload.Length, 150_000) : payload.Length;
        length = context.Request.Path.Value!.Contains("warmup", StringComparison.Ordinal) ? payload.AsSpan(0, length).LastIndexOf("\n\n"u8) + 2 : length;
        const int chunk = 64 * 1024;
        for (var offset = 0; offset < length; offset += chunk)
        {
            await context.Response.Body.WriteAsync(payload.AsMemory(offset, Math.Min(chunk, length - offset)), context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>The Hub's shape: typical training-log lines (40–90 characters) with millisecond timestamps.</summary>
    private static byte[] Render(long lines)
    {
        var builder = new StringBuilder(checked((int)(lines * 112)));
        var t0 = new DateTime(2025, 7, 22, 16, 6, 31, DateTimeKind.Utc);
        for (var i = 0L; i < lines; i++)
        {
            if (i % 1000 == 999)
            {
                builder.Append(": keep-alive\n\n");
            }

            builder.Append("data: {\"data\": \"step ").Append(i).Append(" | loss=0.").Append(i % 9973)
                .Append(" lr=3e-4 tokens/s=12345 gpu_mem=14.2GB\", \"timestamp\": \"")
                .Append(t0.AddMilliseconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
                .Append("\"}\n\n");
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
