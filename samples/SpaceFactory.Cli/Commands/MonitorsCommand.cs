using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SpaceFactory.Cli.Output;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Monitoring;
using Spectre.Console;

namespace SpaceFactory.Cli.Commands;

/// <summary>
/// <c>spacefactory monitors [space]</c>: the Spaces that validate-space checked (by hand or on a schedule) with their
/// last result, or one Space's history, from <c>monitors/&lt;owner&gt;/&lt;space&gt;/history.jsonl</c>.
/// </summary>
internal static class MonitorsCommand
{
    public static Command Create()
    {
        var space = new Argument<string?>("space") { Description = "A Space (owner/name): print its history. Without it: every monitored Space and its last result.", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int>("--limit") { Description = "How many of the Space's last checks to print (1 to 1000).", DefaultValueFactory = _ => 20 };
        var bucket = new Option<string?>("--bucket") { Description = "Read the history from this run Bucket (hf://buckets/ns/name), where scheduled checks write; needs HF_TOKEN." };
        var record = CliOptions.Record();
        var json = CliOptions.Json();
        var verbose = CliOptions.Verbose();
        var command = new Command("monitors", "List monitored Spaces and their last check, or print one Space's check history.") { space, limit, bucket, record, json, verbose };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), async () =>
        {
            var count = parse.GetValue(limit);
            if (count is < 1 or > MonitorHistory.MaxReadEntries)
            {
                throw new CliInputException($"--limit must be from 1 to {MonitorHistory.MaxReadEntries}, not {count}.");
            }

            var (history, clients) = RecordSource.OpenMonitors(parse.GetRequiredValue(record), parse.GetValue(bucket), parse.GetValue(verbose));
            using (clients)
            {
                var entries = new List<MonitorEntry>();
                if (parse.GetValue(space) is { } text)
                {
                    if (!RepoId.TryParse(text, out var id, out var error) || id.Namespace is null)
                    {
                        throw new CliInputException($"'{text}' is not a Space id (owner/name): {(error ?? "it has no owner").TrimEnd('.')}.");
                    }

                    entries.AddRange(await history.ReadLastAsync(id, count, cancellationToken).ConfigureAwait(false));
                    if (entries.Count == 0)
                    {
                        throw new KeyNotFoundException($"{id} has no check history at {history.Describe(id)}; run: spacefactory validate {id}");
                    }
                }
                else
                {
                    foreach (var monitored in await history.ListSpacesAsync(cancellationToken).ConfigureAwait(false))
                    {
                        entries.AddRange(await history.ReadLastAsync(monitored, 1, cancellationToken).ConfigureAwait(false));
                    }
                }

                if (parse.GetValue(json))
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(entries, CliJsonContext.Readable.ListMonitorEntry));
                    return ExitCodes.Success;
                }

                Show(entries, perSpace: parse.GetValue(space) is null);
                return ExitCodes.Success;
            }
        }));
        return command;
    }

    private static void Show(List<MonitorEntry> entries, bool perSpace)
    {
        if (entries.Count == 0)
        {
            CliConsole.Out.MarkupLine("No monitored Spaces yet: each 'spacefactory validate <space>' (or a scheduled one) adds a check.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns(perSpace ? "space" : "time", perSpace ? "last check" : "run", "result", "outcome", "cold", "p50", "p95", "output", "zerogpu");
        foreach (var e in entries)
        {
            table.AddRow(
                Markup.Escape(perSpace ? e.Space : Time(e)),
                Markup.Escape(perSpace ? Time(e) : e.RunId),
                e.Passed ? "[green]passed[/]" : "[red]failed[/]",
                Markup.Escape(e.Outcome.Value),
                Ms(e.ColdMs), Ms(e.P50Ms), Ms(e.P95Ms),
                Markup.Escape(e.OutputType ?? "-"),
                e.RecommendedGpuDurationSeconds is { } s ? s.ToString(CultureInfo.InvariantCulture) + " s" : "-");
        }

        CliConsole.Out.Write(table);
    }

    private static string Time(MonitorEntry e) => e.Time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Ms(double? ms) => ms is { } v ? v.ToString("0", CultureInfo.InvariantCulture) + " ms" : "-";
}
