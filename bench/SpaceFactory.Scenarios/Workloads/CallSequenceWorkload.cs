using System.Diagnostics;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Scenarios.Servers;

namespace SpaceFactory.Scenarios.Workloads;

/// <summary>
/// P1: the phase 2.1 call sequence in one process through the SDK's clients: whoami, create a Space, one commit of
/// three files, runtime until RUNNING, Space info, Gradio connect and one call. The Space is deleted after each run
/// (untimed) so that the server's state, and so the process's memory, does not grow with the runs. The first run of a
/// fresh process (<c>first_run_s</c>) is measured in child processes, each running one sequence from its start, next to
/// the same requests made with a bare <see cref="HttpClient"/> in a fresh process (<c>first_run_floor_s</c>).
/// </summary>
internal static class CallSequenceWorkload
{
    private const double BudgetMs = 30;

    /// <summary>Fresh processes per kind (SDK, bare HttpClient) for the first-run figures; they alternate.</summary>
    private const int ColdRuns = 3;

    public static async Task<ScenarioResult> RunAsync(ScenarioOptions options, CancellationToken cancellationToken)
    {
        var result = new ScenarioResult("P1", $"median of {options.P1Runs} runs <= {BudgetMs} ms; memory flat");
        await using var target = await HubTarget.StartAsync(options, TimeSpan.Zero, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var user = (await target.Hub.WhoAmIAsync(cancellationToken).ConfigureAwait(false)).Name;
        var samples = new List<double>();
        var polls = 0;
        double heapFirst = 0, rssFirst = 0;
        var prefix = "scenario-p1-" + Guid.NewGuid().ToString("N")[..8];
        for (var run = -options.P1Warmup; run < options.P1Runs; run++)
        {
            var space = RepoId.Parse($"{user}/{prefix}-{run + options.P1Warmup}");
            var started = Stopwatch.GetTimestamp();
            polls += await OneRunAsync(target, space, whoAmI: true, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await target.Hub.DeleteRepoAsync(space, RepoType.Space, missingOk: true, cancellationToken).ConfigureAwait(false);
            if (run < 0)
            {
                polls = 0;
                continue;
            }

            samples.Add(elapsed);
            if (run == 0)
            {
                (heapFirst, rssFirst) = Memory();
            }
        }

        var (heapLast, rssLast) = Memory();
        await ColdRunsAsync(result, target, options, cancellationToken).ConfigureAwait(false);
        result.Runs = samples.Count;
        result.MedianMs = Stats.Median(samples);
        result.P95Ms = Stats.Percentile(samples, 95);
        result.PeakRssMiB = Stats.PeakRssMiB();
        result.Extra["heap_first_mib"] = heapFirst;
        result.Extra["heap_last_mib"] = heapLast;
        result.Extra["rss_first_mib"] = rssFirst;
        result.Extra["rss_last_mib"] = rssLast;
        result.Extra["runtime_polls_per_run"] = samples.Count == 0 ? 0 : (double)polls / samples.Count;

        // "Flat": the live managed heap after a full GC grows by less than 1 MiB over the measured runs.
        var flat = heapLast - heapFirst < 1.0;
        result.Met = result.MedianMs <= BudgetMs && flat;
        result.Note = (target.Sandbox is null ? "against " + target.Endpoint.Host : "in-process Sandbox, client and server share the 2 cores")
            + (flat ? string.Empty : "; heap grew across runs");
        return result;
    }

    /// <summary>
    /// SDK and floor children alternate; each prints how long its one sequence took (<c>run_s</c>) and when it ended,
    /// so that the time from <see cref="System.Diagnostics.Process.Start()"/> (runtime start included) is known as well.
    /// </summary>
    private static async Task ColdRunsAsync(ScenarioResult result, HubTarget target, ScenarioOptions options, CancellationToken cancellationToken)
    {
        var runs = new Dictionary<string, (List<double> Run, List<double> FromStart)>(StringComparer.Ordinal)
        {
            ["P1FIRST"] = ([], []),
            ["P1FLOOR"] = ([], []),
        };
        for (var i = 0; i < ColdRuns; i++)
        {
            foreach (var (kind, samples) in runs)
            {
                var child = new ScenarioResult(kind, string.Empty);
                var started = await ChildProcess.RunAsync(child, kind, target.Endpoint, options, target.Token, binary: null, cancellationToken).ConfigureAwait(false);
                samples.Run.Add(child.Extra["run_s"]);
                samples.FromStart.Add(Stopwatch.GetElapsedTime(started, (long)child.Extra["ended_at"]).TotalSeconds);
            }
        }

        result.Extra["first_run_s"] = Stats.Median(runs["P1FIRST"].Run);
        result.Extra["first_run_from_start_s"] = Stats.Median(runs["P1FIRST"].FromStart);
        result.Extra["first_run_floor_s"] = Stats.Median(runs["P1FLOOR"].Run);
        result.Extra["first_run_floor_from_start_s"] = Stats.Median(runs["P1FLOOR"].FromStart);
    }

    /// <summary>The child side: one sequence in this fresh process, through the SDK (<c>P1FIRST</c>) or bare HTTP (<c>P1FLOOR</c>).</summary>
    public static async Task<ScenarioResult> ChildAsync(string kind, Uri target, CancellationToken cancellationToken)
    {
        var token = Environment.GetEnvironmentVariable("HF_TOKEN") ?? throw new InvalidOperationException("The P1 child needs HF_TOKEN.");
        var started = Stopwatch.GetTimestamp();
        var space = $"scenario-p1-cold-{Guid.NewGuid().ToString("N")[..8]}";
        double seconds;
        if (kind == "P1FLOOR")
        {
            using var floor = new CallSequenceFloor(target, token);
            await floor.RunAsync(space, cancellationToken).ConfigureAwait(false);
            seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await floor.DeleteAsync(space, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await using var hub = HubTarget.Connect(sandbox: null, target, token);
            var user = (await hub.Hub.WhoAmIAsync(cancellationToken).ConfigureAwait(false)).Name;
            var repo = RepoId.Parse($"{user}/{space}");
            await OneRunAsync(hub, repo, whoAmI: false, cancellationToken).ConfigureAwait(false);
            seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await hub.Hub.DeleteRepoAsync(repo, RepoType.Space, missingOk: true, cancellationToken).ConfigureAwait(false);
        }

        var figures = new ScenarioResult(kind, string.Empty) { Runs = 1 };
        figures.Extra["run_s"] = seconds;
        figures.Extra["ended_at"] = started + (long)(seconds * Stopwatch.Frequency);
        return figures;
    }

    /// <summary>One run of the sequence; returns how many runtime reads it took to see RUNNING.</summary>
    private static async Task<int> OneRunAsync(HubTarget target, RepoId space, bool whoAmI, CancellationToken cancellationToken)
    {
        var hub = target.Hub;
        if (whoAmI)
        {
            // The child asked already (it needs the user's name for the Space), and counts that call in its run.
            await hub.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        }

        await hub.CreateRepoAsync(space, RepoType.Space, new CreateRepoOptions { Sdk = "gradio" }, cancellationToken).ConfigureAwait(false);
        await hub.CreateCommitAsync(space, RepoType.Space, "Add the app", HubTarget.SpaceFiles(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var polls = 0;
        while (true)
        {
            polls++;
            var runtime = await hub.GetSpaceRuntimeAsync(space, cancellationToken).ConfigureAwait(false);
            if (runtime.Stage.IsRunning)
            {
                break;
            }

            if (!runtime.Stage.IsTransitional)
            {
                throw new InvalidOperationException($"{space} stopped in stage {runtime.Stage}");
            }

            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }

        var info = await hub.GetSpaceInfoAsync(space, cancellationToken: cancellationToken).ConfigureAwait(false);
        var host = info.Host ?? throw new InvalidOperationException($"{space} has no host");
        var gradio = await target.Gradio.ConnectAsync(host, new GradioConnectOptions { Token = target.Token }, cancellationToken).ConfigureAwait(false);
        var answer = await gradio.CallAsync("/generate", [GradioValue.Text("Hello")], cancellationToken: cancellationToken).ConfigureAwait(false);
        return answer.Outputs.Count == 1 ? polls : throw new InvalidOperationException("The call returned no output.");
    }

    private static (double HeapMiB, double RssMiB) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024), Stats.RssMiB());
    }
}
