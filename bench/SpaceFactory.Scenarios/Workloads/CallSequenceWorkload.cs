using System.Diagnostics;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Scenarios.Servers;

namespace SpaceFactory.Scenarios.Workloads;

/// <summary>
/// P1: the phase 2.1 call sequence in one process through the SDK's clients: whoami, create a Space, one commit of
/// three files, runtime until RUNNING, Space info, Gradio connect and one call. The Space is deleted after each run
/// (untimed) so that the server's state, and so the process's memory, does not grow with the runs.
/// </summary>
internal static class CallSequenceWorkload
{
    private const double BudgetMs = 30;

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
            polls += await OneRunAsync(target, space, cancellationToken).ConfigureAwait(false);
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

    /// <summary>One run of the sequence; returns how many runtime reads it took to see RUNNING.</summary>
    private static async Task<int> OneRunAsync(HubTarget target, RepoId space, CancellationToken cancellationToken)
    {
        var hub = target.Hub;
        await hub.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
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
