using System.CommandLine;
using System.Text.Json;
using SpaceFactory.Cli.Output;
using SpaceFactory.Cli.Runs;
using SpaceFactory.Core;

namespace SpaceFactory.Cli.Commands;

/// <summary><c>spacefactory status &lt;run-id&gt;</c>: a run's state from a folder or a Bucket.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run id, e.g. 20261123T221749Z-k3m9q2ab." };
        var bucket = new Option<string?>("--bucket") { Description = "Read from this Bucket (hf://buckets/ns/name) instead of a folder; needs HF_TOKEN." };
        var record = CliOptions.Record();
        var json = CliOptions.Json();
        var verbose = CliOptions.Verbose();
        var command = new Command("status", "Show a run's status, outcome and steps.") { runId, bucket, record, json, verbose };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), async () =>
        {
            var id = RunId.Parse(parse.GetRequiredValue(runId));
            var (reader, clients) = RecordSource.Open(parse.GetRequiredValue(record), parse.GetValue(bucket), parse.GetValue(verbose));
            using (clients)
            {
                var state = await reader.GetStateAsync(id, cancellationToken).ConfigureAwait(false)
                    ?? throw new KeyNotFoundException($"There is no run {id} in {reader.Describe(id)}.");

                // A record that says running although its process or Job is gone is shown interrupted, with the command to resume it.
                state = clients is null
                    ? RunLiveness.OfLocal(state, parse.GetRequiredValue(record))
                    : await RunLiveness.OfJobAsync(state, clients.Hf.Jobs, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(state, CliJsonContext.Readable.RunState));
                }
                else
                {
                    RunSummaryView.Show(CliConsole.Out, state, reader.Describe(id));
                }

                return state.Status == RunStatus.Succeeded ? ExitCodes.Success : ExitCodes.RunFailed;
            }
        }));
        return command;
    }
}
