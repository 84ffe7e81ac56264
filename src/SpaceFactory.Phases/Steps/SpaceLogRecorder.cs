using System.Text;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Copies a Space's build or run log into the run record as <c>logs/build.log</c> or <c>logs/run.log</c>: at most
/// <see cref="SpaceWaitOptions.MaxLogLines"/> lines within <see cref="SpaceWaitOptions.LogReadTimeout"/>, and a line
/// saying why when the log could not be read, so a failed run always says where to look.
/// </summary>
internal static class SpaceLogRecorder
{
    /// <summary>The record path of the log of <paramref name="kind"/>.</summary>
    public static string PathOf(SpaceLogKind kind) => kind == SpaceLogKind.Build ? "logs/build.log" : "logs/run.log";

    /// <summary>Saves the log of <paramref name="kind"/> of <paramref name="space"/>.</summary>
    public static async Task SaveAsync(HubClient hub, SpaceWaitOptions options, PhaseContext context, RepoId space, SpaceLogKind kind, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        using var limit = new CancellationTokenSource(options.LogReadTimeout, context.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var lines = 0;
        try
        {
            await foreach (var line in hub.StreamSpaceLogsAsync(space, kind, linked.Token).ConfigureAwait(false))
            {
                text.Append(line.Timestamp?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append(line.Data.TrimEnd('\n')).Append('\n');
                if (++lines >= options.MaxLogLines)
                {
                    text.Append("[log cut at ").Append(options.MaxLogLines).Append(" lines]\n");
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            text.Append("[log reading stopped after ").Append(options.LogReadTimeout).Append("]\n");
        }
        catch (Exception ex) when (ex is HfApiException or HttpRequestException or IOException or HfStreamIdleException)
        {
            text.Append("[the logs could not be read: ").Append(ex.GetType().Name).Append(": ").Append(ex.Message).Append("]\n");
        }

        await context.Recorder.WriteArtifactAsync(PathOf(kind), text.ToString(), CancellationToken.None).ConfigureAwait(false);
    }
}
