using System.Diagnostics;
using SpaceFactory.Scenarios.Workloads;

namespace SpaceFactory.Scenarios;

/// <summary>Runs the selected workloads in order and prints one <c>RESULT {json}</c> line per workload.</summary>
internal static class ScenarioRunner
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ScenarioOptions options;
        try
        {
            options = ScenarioOptions.Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync(
                "usage: SpaceFactory.Scenarios [serve p0|p2|p4|hub] [--only P0,P1,...] [--url URL --token T] [--gradio-url URL] [--no-child] [--cli PATH] [--native PATH] [--diagnose-memory] [size options]: "
                + ex.Message).ConfigureAwait(false);
            return 2;
        }

        if (options.Child is { } child)
        {
            var figures = child switch
            {
                "P1FIRST" or "P1FLOOR" => await CallSequenceWorkload.ChildAsync(child, options.Target!, cancellationToken).ConfigureAwait(false),
                "P2" => await JobLogStreamWorkload.ClientAsync(options.Target!, options.P2Lines, options.P2Steady ? JobLogStreamWorkload.Warmup.FullStream : JobLogStreamWorkload.Warmup.ShortStream, options.DiagnoseMemory ? output : null, cancellationToken).ConfigureAwait(false),
                "P2COLD" => await JobLogStreamWorkload.ClientAsync(options.Target!, options.P2Lines, JobLogStreamWorkload.Warmup.None, options.DiagnoseMemory ? output : null, cancellationToken).ConfigureAwait(false),
                "P4" => await LfsCommitWorkload.ClientAsync(options.Target!, options.P4Bytes, cancellationToken).ConfigureAwait(false),
                _ => throw new FormatException("No child workload " + child),
            };
            await output.WriteLineAsync("CHILD " + figures.ToJson()).ConfigureAwait(false);
            return 0;
        }

        if (options.Serve is { } serve)
        {
            return await ScenarioServer.ServeAsync(serve, options, output, cancellationToken).ConfigureAwait(false);
        }

        foreach (var workload in options.Only)
        {
            var stopwatch = Stopwatch.StartNew();
            var load = Stats.LoadAverage();
            ScenarioResult result;
            try
            {
                result = workload switch
                {
                    "P0" => await CliStartWorkload.RunAsync(options, cancellationToken).ConfigureAwait(false),
                    "P1" => await CallSequenceWorkload.RunAsync(options, cancellationToken).ConfigureAwait(false),
                    "P2" => await JobLogStreamWorkload.RunAsync(options, cancellationToken).ConfigureAwait(false),
                    "P3" => await GradioCallWorkload.RunAsync(options, cancellationToken).ConfigureAwait(false),
                    "P4" => await LfsCommitWorkload.RunAsync(options, cancellationToken).ConfigureAwait(false),
                    "P5" => await SpaceWaitWorkload.RunAsync(options, cancellationToken).ConfigureAwait(false),
                    _ => throw new FormatException(workload),
                };
            }
#pragma warning disable CA1031 // one failed workload is reported and the others still run
            catch (Exception ex)
#pragma warning restore CA1031
            {
                result = new ScenarioResult(workload, "-") { Met = false, Note = $"failed: {ex.GetType().Name}: {ex.Message}" };
            }

            result.Extra["load_avg_1m"] = load;
            await Console.Error.WriteLineAsync($"# {workload} took {stopwatch.Elapsed.TotalSeconds:0.0} s").ConfigureAwait(false);
            await output.WriteLineAsync(result.ToString()).ConfigureAwait(false);
        }

        return 0;
    }
}
