using System.Globalization;
using System.Text.Json;
using SpaceFactory.Core;
using SpaceFactory.Core.Records;
using Spectre.Console;

namespace SpaceFactory.Cli.Output;

/// <summary>Prints a run's outcome: a table of steps for people, or one JSON object with <c>--json</c>.</summary>
internal static class RunSummaryView
{
    public static void Show(IAnsiConsole console, RunState state, string record)
    {
        console.MarkupLine($"Run {state.RunId} ({Markup.Escape(state.Recipe)})");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("step").AddColumn("status").AddColumn(new TableColumn("duration").RightAligned()).AddColumn("summary");
        foreach (var step in state.Steps)
        {
            var summary = step.Error?.Message ?? step.Outcome?.Reason ?? step.Summary ?? string.Empty; // the message, never the .NET type
            table.AddRow(
                Markup.Escape(step.Name),
                Colour(step.Status),
                step.DurationMs is { } ms ? ms.ToString("N0", CultureInfo.InvariantCulture) + " ms" : string.Empty,
                Markup.Escape(CliConsole.Cell(summary)));
        }

        console.Write(table);
        var statusColour = state.Status == RunStatus.Succeeded ? "green" : "red";
        console.MarkupLine($"[bold {statusColour}]{state.Status.ToString().ToLowerInvariant()}[/]: {Markup.Escape(state.Outcome?.Code.Value ?? "-")} — {Markup.Escape(state.Outcome?.Reason ?? string.Empty)}");
        if (state.Validation is { } validation)
        {
            console.MarkupLine($"validation: {(validation.Passed ? "[green]passed[/]" : "[red]failed[/]")}{(validation.Simulated ? " [yellow](simulated runtime: no real inference)[/]" : string.Empty)} — {Markup.Escape(validation.Summary)}");
        }

        if (state.Target is not null)
        {
            console.MarkupLine($"target: {Markup.Escape(state.Target)} {Markup.Escape(state.Links.TryGetValue("space", out var url) ? url : string.Empty)}");
        }

        foreach (var (name, link) in state.Links.Where(l => l.Key is not "space").OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            console.MarkupLine($"{Markup.Escape(name)}: {Markup.Escape(link)}");
        }

        if (state.Outcome?.Code == OutcomeCode.Interrupted || state.Status == RunStatus.Cancelled)
        {
            console.MarkupLine($"resume: {Markup.Escape(Runs.InterruptedRun.ResumeCommand(state.RunId))}");
        }

        console.MarkupLine($"record: {Markup.Escape(record)}");
        console.MarkupLine($"report: {Markup.Escape(Path.Combine(record, "report.md"))}");
    }

    public static void ShowJson(TextWriter output, RunResult result, string record) =>
        output.WriteLine(JsonSerializer.Serialize(
            new RunResultJson(result.RunId.Value, result.Status.ToString().ToLowerInvariant(), result.Outcome?.Code.Value, result.Outcome?.Reason, record,
                Directory.Exists(record) ? Path.Combine(record, "report.md") : null),
            CliJsonContext.Readable.RunResultJson));

    private static string Colour(StepStatus status) => status switch
    {
        StepStatus.Completed => "[green]completed[/]",
        StepStatus.Failed or StepStatus.Interrupted => $"[red]{status.ToString().ToLowerInvariant()}[/]",
        StepStatus.Cancelled => "[yellow]cancelled[/]",
        _ => $"[grey]{status.ToString().ToLowerInvariant()}[/]",
    };
}
