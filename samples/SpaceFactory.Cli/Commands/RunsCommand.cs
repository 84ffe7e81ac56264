using System.CommandLine;
using System.Text.Json;
using SpaceFactory.Cli.Output;
using SpaceFactory.Cli.Runs;
using SpaceFactory.Core.Records;
using Spectre.Console;

namespace SpaceFactory.Cli.Commands;

/// <summary><c>spacefactory runs</c>: the runs in a folder or a Bucket, newest first.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var bucket = new Option<string?>("--bucket") { Description = "List the runs in this Bucket (hf://buckets/ns/name); needs HF_TOKEN." };
        var limit = new Option<int>("--limit") { Description = "Show at most this many runs.", DefaultValueFactory = _ => 20 };
        var record = CliOptions.Record();
        var json = CliOptions.Json();
        var verbose = CliOptions.Verbose();
        var command = new Command("runs", "List runs, newest first.") { bucket, limit, record, json, verbose };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), async () =>
        {
            var (reader, clients) = RecordSource.Open(parse.GetRequiredValue(record), parse.GetValue(bucket), parse.GetValue(verbose));
            using (clients)
            {
                var states = new List<RunState>();
                await foreach (var run in reader.ListRunsAsync(cancellationToken).ConfigureAwait(false))
                {
                    states.Add(clients is null ? RunLiveness.OfLocal(run.State, parse.GetRequiredValue(record)) : run.State);
                    if (states.Count >= Math.Max(1, parse.GetValue(limit)))
                    {
                        break;
                    }
                }

                if (parse.GetValue(json))
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(states, CliJsonContext.Readable.ListRunState));
                    return ExitCodes.Success;
                }

                var table = new Table().Border(TableBorder.Rounded).AddColumns("run", "recipe", "status", "outcome", "target", "started");
                foreach (var state in states)
                {
                    table.AddRow(state.RunId, state.Recipe, state.Status.ToString().ToLowerInvariant(), Markup.Escape(state.Outcome?.Code.Value ?? "-"),
                        Markup.Escape(state.Target ?? "-"), state.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
                }

                CliConsole.Out.Write(table);
                return ExitCodes.Success;
            }
        }));
        return command;
    }
}
