using SpaceFactory.Core;
using SpaceFactory.Core.Records;
using Spectre.Console;

namespace SpaceFactory.Cli.Output;

/// <summary>Shows a run's events as they are recorded: one line per step start and end, and notable events.</summary>
internal static class RunProgress
{
    /// <summary>
    /// Follows the record of <paramref name="runId"/> until <paramref name="run"/> completes. A poll that fails (the
    /// record's storage answered badly, even after its own retries) is skipped with one note: showing progress must
    /// never end a run that is going well; the next tick reads from where the last good one stopped.
    /// </summary>
    public static async Task<T> FollowAsync<T>(IRunReader records, RunId runId, Task<T> run, IAnsiConsole console, CancellationToken cancellationToken)
    {
        long seq = 0;
        var failing = false;
        while (true)
        {
            var finished = run.IsCompleted;
            try
            {
                await foreach (var item in records.ReadEventsAsync(runId, seq, cancellationToken).ConfigureAwait(false))
                {
                    seq = item.Seq;
                    Show(console, item);
                }

                failing = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    console.MarkupLine($"[grey]progress could not be read just now ({Markup.Escape(ex.Message)}); the run goes on and progress resumes when the record can be read[/]");
                }

                failing = true;
            }

            if (finished)
            {
                return await run.ConfigureAwait(false);
            }

            await Task.WhenAny(run, Task.Delay(100, cancellationToken)).ConfigureAwait(false);
        }
    }

    private static void Show(IAnsiConsole console, RunEvent item)
    {
        var time = item.Timestamp.ToLocalTime().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        var (icon, style) = item.Type switch
        {
            "step_started" => ("…", "grey"),
            "step_completed" => ("✓", "green"),
            "step_skipped" => ("-", "grey"),
            "step_failed" or "step_interrupted" => ("✗", "red"),
            "step_cancelled" => ("■", "yellow"),
            "run_started" or "run_resumed" or "run_ended" => ("●", "blue"),
            _ => ("·", "silver"),
        };
        console.MarkupLine($"[grey]{time}[/] [{style}]{icon}[/] {Markup.Escape(item.Message ?? item.Type)}");
    }
}
