using System.Diagnostics;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Scenarios.Servers;

namespace SpaceFactory.Scenarios.Workloads;

/// <summary>
/// P5: waiting for a Space with <see cref="HubClient.WatchSpaceRuntimeAsync"/> (what the factory's wait step uses)
/// while the Sandbox takes it through BUILDING and APP_STARTING to RUNNING. Measures how late each stage change is
/// noticed (against the moment the server made it) and the most requests the SDK sent in any 5 s window.
/// </summary>
internal static class SpaceWaitWorkload
{
    private const double NoticeBudgetMs = 1000;
    private const int RequestsPer5SecondsBudget = 1;

    public static async Task<ScenarioResult> RunAsync(ScenarioOptions options, CancellationToken cancellationToken)
    {
        var result = new ScenarioResult("P5", $"stage change noticed <= {NoticeBudgetMs} ms, <= {RequestsPer5SecondsBudget} request per 5 s while waiting");
        var delay = options.P5StageDelay;
        await using var target = await HubTarget.StartAsync(options, delay, delay, cancellationToken).ConfigureAwait(false);
        var user = (await target.Hub.WhoAmIAsync(cancellationToken).ConfigureAwait(false)).Name;
        var space = RepoId.Parse($"{user}/scenario-p5-{Guid.NewGuid().ToString("N")[..8]}");
        await target.Hub.CreateRepoAsync(space, RepoType.Space, new CreateRepoOptions { Sdk = "gradio" }, cancellationToken).ConfigureAwait(false);
        try
        {
            await target.Hub.CreateCommitAsync(space, RepoType.Space, "Add the app", HubTarget.SpaceFiles(), cancellationToken: cancellationToken).ConfigureAwait(false);

            // The server's side: when it made each change (only known for the in-process Sandbox).
            var serverChanges = target.Sandbox is { } sandbox
                ? new[] { "APP_STARTING", "RUNNING" }.Select(stage => StageReachedAsync(sandbox.Inspector, space.ToString(), stage, cancellationToken)).ToArray()
                : [];
            var waitStarted = Stopwatch.GetTimestamp();
            var noticed = new Dictionary<string, long>(StringComparer.Ordinal);
            await foreach (var runtime in target.Hub.WatchSpaceRuntimeAsync(space, new SpaceWatchOptions { UseEventStream = !options.P5Polling }, cancellationToken).ConfigureAwait(false))
            {
                noticed.TryAdd(runtime.Stage.Value, Stopwatch.GetTimestamp());
                if (runtime.Stage.IsRunning || !runtime.Stage.IsTransitional)
                {
                    break;
                }
            }

            var waitEnded = Stopwatch.GetTimestamp();
            var requests = target.Requests.Since(waitStarted).Where(r => r.Timestamp <= waitEnded).Select(r => r.Timestamp).ToList();
            var worstWindow = WorstWindow(requests, TimeSpan.FromSeconds(5));
            var lateness = new List<double>();
            foreach (var change in serverChanges)
            {
                var (stage, at) = await change.ConfigureAwait(false);
                lateness.Add(noticed.TryGetValue(stage, out var seen) ? Stopwatch.GetElapsedTime(at, seen).TotalMilliseconds : double.PositiveInfinity);
            }

            result.Runs = lateness.Count;
            result.MedianMs = lateness.Count > 0 ? Stats.Median(lateness) : null;
            result.P95Ms = lateness.Count > 0 ? lateness.Max() : null;
            result.Extra["wait_s"] = Stopwatch.GetElapsedTime(waitStarted, waitEnded).TotalSeconds;
            result.Extra["requests"] = requests.Count;
            result.Extra["max_requests_per_5s"] = worstWindow;
            result.Met = (lateness.Count == 0 || lateness.Max() <= NoticeBudgetMs) && worstWindow <= RequestsPer5SecondsBudget;
            result.Note = $"median_ms/p95_ms: lateness of the {lateness.Count} stage changes (p95 = worst); paths: "
                + string.Join(", ", target.Requests.Since(waitStarted).Where(r => r.Timestamp <= waitEnded).Select(r => r.Method + " " + r.Path).Distinct());
            return result;
        }
        finally
        {
            await target.Hub.DeleteRepoAsync(space, RepoType.Space, missingOk: true, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<(string Stage, long At)> StageReachedAsync(Sandbox.SandboxInspector inspector, string space, string stage, CancellationToken cancellationToken)
    {
        await inspector.WaitForSpaceStageAsync(space, stage, cancellationToken).ConfigureAwait(false);
        return (stage, Stopwatch.GetTimestamp());
    }

    /// <summary>The most requests that fall in any window of the given length.</summary>
    private static int WorstWindow(List<long> timestamps, TimeSpan window)
    {
        var worst = 0;
        for (var i = 0; i < timestamps.Count; i++)
        {
            var count = timestamps.Skip(i).TakeWhile(t => Stopwatch.GetElapsedTime(timestamps[i], t) < window).Count();
            worst = Math.Max(worst, count);
        }

        return worst;
    }
}
