using System.Globalization;
using System.Text;

namespace SpaceFactory.Core.Records;

/// <summary>Renders <c>report.md</c>, the human summary of a run, from its state.</summary>
internal static class ReportWriter
{
    /// <param name="state">The run's state.</param>
    /// <param name="folders">The artifact folders the record has (e.g. <c>generated</c>, <c>logs</c>), in order.</param>
    public static string Render(RunState state, IReadOnlyList<string> folders)
    {
        var b = new StringBuilder();
        b.Append("# SpaceFactory run ").Append(state.RunId).Append("\n\n");
        b.Append("| | |\n|---|---|\n");
        Row(b, "Status", $"**{state.Status.ToString().ToLowerInvariant()}**");
        Row(b, "Outcome", state.Outcome is null ? "(not decided yet)" : $"`{state.Outcome.Code}`: {state.Outcome.Reason}");
        Row(b, "Recipe", $"`{state.Recipe}`");
        Row(b, "Executor", state.Executor);
        if (state.Target is not null)
        {
            Row(b, "Target", state.Links.TryGetValue("space", out var url) ? $"[{state.Target}]({url})" : state.Target);
        }

        Row(b, "Started", Time(state.CreatedAt));
        if (state.EndedAt is { } ended)
        {
            Row(b, "Ended", $"{Time(ended)} ({Duration((long)(ended - state.CreatedAt).TotalMilliseconds)})");
        }

        if (state.Resumes > 0)
        {
            Row(b, "Resumed", $"{state.Resumes} time(s)");
        }

        if (state.Parameters.Count > 0)
        {
            b.Append("\n## Parameters\n\n");
            foreach (var (name, value) in state.Parameters)
            {
                b.Append("- `").Append(name).Append("`: ").Append(Cell(value)).Append('\n');
            }
        }

        b.Append("\n## Steps\n\n| # | step | status | duration | summary |\n|---|---|---|---|---|\n");
        for (var i = 0; i < state.Steps.Count; i++)
        {
            var step = state.Steps[i];
            var summary = step.Error is not null ? $"{step.Error.Type}: {step.Error.Message}" : step.Outcome?.Reason ?? step.Summary ?? string.Empty;
            b.Append('|').Append(i + 1).Append("| ").Append(step.Name).Append(" | ").Append(step.Status.ToString().ToLowerInvariant())
                .Append(" | ").Append(step.DurationMs is { } ms ? Duration(ms) : string.Empty)
                .Append(" | ").Append(Cell(summary)).Append(" |\n");
        }

        if (state.Validation is { } validation)
        {
            b.Append("\n## Validation\n\n")
                .Append(validation.Passed ? "**Passed**" : "**Failed**")
                .Append(validation.Simulated ? " (against a **simulated** runtime: no real inference ran)" : string.Empty)
                .Append(": ").Append(validation.Summary);
            if (validation.LatencyMs is { } latency)
            {
                b.Append(" Latency: ").Append(latency.ToString("0.#", CultureInfo.InvariantCulture)).Append(" ms.");
            }

            b.Append('\n');
        }

        if (state.Error is not null || state.Blockers.Count > 0)
        {
            b.Append("\n## Errors and blockers\n\n");
            if (state.Error is not null)
            {
                b.Append("- Error: `").Append(state.Error.Type).Append("`: ").Append(Cell(state.Error.Message)).Append('\n');
            }

            foreach (var blocker in state.Blockers)
            {
                b.Append("- Blocker: ").Append(Cell(blocker)).Append('\n');
            }
        }

        var links = state.Links.Where(l => !string.Equals(l.Key, "space", StringComparison.Ordinal) || state.Target is null).ToList();
        if (links.Count > 0)
        {
            b.Append("\n## Links\n\n");
            foreach (var (name, url) in links)
            {
                b.Append("- ").Append(name).Append(": ").Append(url).Append('\n');
            }
        }

        b.Append("\nFiles: `state.json` (for programs), `events.jsonl` (every event), this report");
        if (folders.Count > 0)
        {
            b.Append(", and artifacts under ").Append(string.Join(", ", folders.Select(f => "`" + f + "/`")));
        }

        b.Append(".\n");
        return b.ToString();
    }

    private static void Row(StringBuilder b, string name, string value) => b.Append("| ").Append(name).Append(" | ").Append(value).Append(" |\n");

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Duration(long milliseconds) =>
        milliseconds < 1000 ? $"{milliseconds} ms" : (milliseconds / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
