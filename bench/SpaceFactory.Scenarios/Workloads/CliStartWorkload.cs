using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Hf;
using SpaceFactory.Scenarios.Servers;

namespace SpaceFactory.Scenarios.Workloads;

/// <summary>
/// P0: from starting the CLI process (<c>spacefactory runs --bucket …</c>, which lists a Bucket through the Hub API)
/// to the first HTTP request a local listener sees. The listener answers 404 and the process is then stopped. With
/// <c>--url</c> the CLI talks to that server instead and the time is from start to the CLI's exit (the runner cannot see
/// another server's requests; <c>serve p0</c> starts the listener alone and prints when each request arrived).
/// For a JIT CLI each run alternates with the floor: this runner started as a process that sends one GET with a bare
/// <see cref="HttpClient"/> (<see cref="FloorVerb"/>), timed the same way, so the JIT runtime's own cost of reaching a
/// first request is measured beside the CLI's.
/// </summary>
internal static class CliStartWorkload
{
    /// <summary>The runner's argument that makes it the floor process: <c>p0-floor URL</c>.</summary>
    public const string FloorVerb = "p0-floor";

    /// <summary>The floor process's whole work: one GET (the listener answers 404), nothing else loaded first.</summary>
    public static async Task<int> FloorRequestAsync(Uri url)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(url).ConfigureAwait(false);
        return 0;
    }

    public static async Task<ScenarioResult> RunAsync(ScenarioOptions options, CancellationToken cancellationToken)
    {
        var cli = options.Cli ?? DefaultCli();
        var aot = IsNative(cli);
        var budgetMs = aot ? 40 : 150;
        var result = new ScenarioResult("P0", $"CLI start to first HTTP request <= {budgetMs} ms{(aot ? " (NativeAOT)" : string.Empty)}");
        TaskCompletionSource<long>? firstRequest = null;
        await using var server = options.Url is null
            ? await StartServerAsync(_ => firstRequest?.TrySetResult(Stopwatch.GetTimestamp()), cancellationToken).ConfigureAwait(false)
            : null;
        var endpoint = options.Url ?? server!.Endpoint;

        var samples = new List<double>();
        var cpu = new List<double>();
        var floor = new List<double>();
        var floorCpu = new List<double>();
        var withFloor = server is not null && !aot;
        for (var run = -1; run < options.P0Runs; run++)
        {
            // Run -1 warms the disk cache, as any second start of a tool would be.
            if (withFloor)
            {
                firstRequest = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                var floorRun = await TimeToRequestAsync(FloorStartInfo(endpoint), firstRequest, untilExit: false, cancellationToken).ConfigureAwait(false);
                Keep(run, floorRun, floor, floorCpu);
            }

            firstRequest = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var cliRun = await TimeToRequestAsync(StartInfo(cli, endpoint, options.Url is null ? null : options.Token), firstRequest, untilExit: server is null, cancellationToken).ConfigureAwait(false);
            Keep(run, cliRun, samples, cpu);
        }

        result.Runs = samples.Count;
        result.MedianMs = Stats.Median(samples);
        result.P95Ms = Stats.Percentile(samples, 95);
        if (cpu.Count > 0)
        {
            result.Extra["cpu_ms_median"] = Stats.Median(cpu);
        }

        if (floor.Count > 0)
        {
            result.Extra["floor_ms_median"] = Stats.Median(floor);
            if (floorCpu.Count > 0)
            {
                result.Extra["floor_cpu_ms_median"] = Stats.Median(floorCpu);
            }
        }

        result.Met = result.MedianMs <= budgetMs;
        result.Note = "started: " + Path.GetFileName(cli) + (server is null ? $"; against {endpoint.Authority}: start to exit, not to the first request" : string.Empty);
        return result;
    }

    /// <summary>
    /// Starts <paramref name="info"/> and times it until <paramref name="seen"/> (the listener saw its request), or, with
    /// <paramref name="untilExit"/> (another server, whose requests the runner cannot see), until it exits; the CPU time
    /// it had used by then when the listener is local. The process is then stopped.
    /// </summary>
    private static async Task<(double Ms, double? CpuMs)> TimeToRequestAsync(ProcessStartInfo info, TaskCompletionSource<long> seen, bool untilExit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start.");
        if (untilExit)
        {
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            _ = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            seen.TrySetResult(Stopwatch.GetTimestamp());
        }

        var at = await seen.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        var cpuMs = untilExit ? null : CpuMs(process.Id);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (Stopwatch.GetElapsedTime(started, at).TotalMilliseconds, cpuMs);
    }

    /// <summary>Keeps a measured run's figures (run -1 is the warm-up).</summary>
    private static void Keep(int run, (double Ms, double? CpuMs) measured, List<double> times, List<double> cpu)
    {
        if (run < 0)
        {
            return;
        }

        times.Add(measured.Ms);
        if (measured.CpuMs is { } used)
        {
            cpu.Add(used);
        }
    }

    /// <summary>The floor: this runner as <c>p0-floor</c>; its apphost when it has one (as the CLI's is started), else its dll (inside a test host).</summary>
    private static ProcessStartInfo FloorStartInfo(Uri endpoint)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SpaceFactory.Scenarios.dll");
        var apphost = Path.ChangeExtension(dll, OperatingSystem.IsWindows() ? ".exe" : null);
        return Launch(File.Exists(apphost) ? apphost : dll, [FloorVerb, new Uri(endpoint, "api/buckets/bench/runs/tree").AbsoluteUri]);
    }

    /// <summary>
    /// A NativeAOT binary has no managed assembly of its name beside it (an apphost has its .dll); an installed tool's
    /// command is a link into the tool store, so the link is followed first.
    /// </summary>
    private static bool IsNative(string cli)
    {
        if (cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || !File.Exists(cli))
        {
            return false;
        }

        var real = new FileInfo(cli).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(cli);
        return !File.Exists(Path.Combine(Path.GetDirectoryName(real)!, Path.GetFileNameWithoutExtension(real) + ".dll"));
    }

    /// <summary>The listener: every request is noted (<paramref name="seen"/>) and answered 404.</summary>
    public static Task<LocalServer> StartServerAsync(Action<HttpContext> seen, CancellationToken cancellationToken) =>
        LocalServer.StartAsync(context =>
        {
            seen(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>The CLI's apphost in its own Release output folder (found above this runner), else its dll through <c>dotnet</c>.</summary>
    private static string DefaultCli()
    {
        var apphost = OperatingSystem.IsWindows() ? "spacefactory.exe" : "spacefactory";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SpaceFactory.sln")))
            {
                var output = Path.Combine(folder.FullName, "samples", "SpaceFactory.Cli", "bin", "Release", "net10.0");
                return File.Exists(Path.Combine(output, apphost)) ? Path.Combine(output, apphost) : Path.Combine(output, "spacefactory.dll");
            }
        }

        throw new FileNotFoundException("The CLI's build output was not found above " + AppContext.BaseDirectory + "; pass --cli PATH.");
    }

    /// <summary>
    /// CPU time (user + system, 10 ms ticks) the CLI process had used when its request arrived, from /proc: what the
    /// start costs on an idle machine, where the wall time also counts waiting for a busy core.
    /// </summary>
    private static double? CpuMs(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) * 10.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static ProcessStartInfo StartInfo(string cli, Uri endpoint, string? token)
    {
        var info = Launch(cli, ["runs", "--bucket", "hf://buckets/bench/runs", "--json"]);
        info.Environment["HF_ENDPOINT"] = endpoint.AbsoluteUri.TrimEnd('/');
        info.Environment[HfClientOptions.TokenVariable] = token ?? "hf_scenario_p0_test_token_00000";
        info.Environment["NO_COLOR"] = "1";
        return info;
    }

    /// <summary>An apphost or native binary as it is, a <c>.dll</c> through <c>dotnet</c>; output captured.</summary>
    private static ProcessStartInfo Launch(string program, string[] arguments)
    {
        var isDll = program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(isDll ? "dotnet" : program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (isDll)
        {
            info.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
