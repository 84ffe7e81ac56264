using System.CommandLine;
using System.Text.Json;
using SpaceFactory.Cli.Output;
using SpaceFactory.Cli.Runs;
using SpaceFactory.Core;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf.Jobs;
using Spectre.Console;

namespace SpaceFactory.Cli.Commands;

/// <summary>
/// <c>spacefactory cancel &lt;run-id&gt;</c>: a local run is cancelled by signalling the CLI process that runs it (which
/// ends the record <c>cancelled</c>); a run in a Job (<c>--bucket</c>) by cancelling its Job.
/// </summary>
internal static class CancelCommand
{
    /// <summary>How long to wait for the running process to finish its record.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run to cancel." };
        var bucket = new Option<string?>("--bucket") { Description = "The run is in a Job writing to this Bucket (hf://buckets/ns/name): cancel its Job; needs HF_TOKEN." };
        var record = CliOptions.Record();
        var json = CliOptions.Json();
        var verbose = CliOptions.Verbose();
        var command = new Command("cancel", "Cancel a running run: signals the CLI process that runs it, or cancels its Job (--bucket).") { runId, bucket, record, json, verbose };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), async () =>
        {
            var id = RunId.Parse(parse.GetRequiredValue(runId));
            var root = parse.GetRequiredValue(record);
            var (reader, clients) = RecordSource.Open(root, parse.GetValue(bucket), parse.GetValue(verbose));
            using (clients)
            {
                var state = await reader.GetStateAsync(id, cancellationToken).ConfigureAwait(false)
                    ?? throw new KeyNotFoundException($"There is no run {id} in {reader.Describe(id)}.");
                string message;
                if (state.Status != RunStatus.Running)
                {
                    message = $"Run {id} is not running: it ended {state.Status.ToString().ToLowerInvariant()} ({state.Outcome?.Code.Value ?? "-"}).";
                }
                else if (clients is not null)
                {
                    message = await CancelJobAsync(clients.Hf.Jobs, id, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    message = await CancelLocalAsync(new DirectoryRunStore(root), root, state, cancellationToken).ConfigureAwait(false);
                }

                var after = await reader.GetStateAsync(id, cancellationToken).ConfigureAwait(false) ?? state;
                if (parse.GetValue(json))
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(
                        new RunResultJson(id.Value, after.Status.ToString().ToLowerInvariant(), after.Outcome?.Code.Value, message, reader.Describe(id), null),
                        CliJsonContext.Readable.RunResultJson));
                }
                else
                {
                    CliConsole.Out.MarkupLine(Markup.Escape(message));
                }

                return ExitCodes.Success;
            }
        }));
        return command;
    }

    private static async Task<string> CancelLocalAsync(DirectoryRunStore store, string root, RunState state, CancellationToken cancellationToken)
    {
        var id = RunId.Parse(state.RunId);
        var owner = RunOwner.Read(root, state.RunId);
        if (owner is null || !owner.IsAlive())
        {
            InterruptedRun.Mark(store, id, "its CLI process is gone", TimeProvider.System);
            return $"Run {id} was not running any more (its process is gone); its record now says interrupted. Resume it with: {InterruptedRun.ResumeCommand(state.RunId)}";
        }

        if (!ProcessSignal.Terminate(owner.ProcessId))
        {
            throw new CliInputException($"Run {id} runs in process {owner.ProcessId}, which could not be signalled here; press Ctrl+C in its terminal.");
        }

        // The process cancels cooperatively: wait for its record to end.
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < Wait)
        {
            if (await store.GetStateAsync(id, cancellationToken).ConfigureAwait(false) is { Status: not RunStatus.Running } ended)
            {
                return $"Run {id} was cancelled: {ended.Status.ToString().ToLowerInvariant()} ({ended.Outcome?.Code.Value ?? "-"}). Resume it with: {InterruptedRun.ResumeCommand(state.RunId)}";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }

        return $"Run {id} was asked to cancel (process {owner.ProcessId}), but its record did not end within {Wait.TotalSeconds:0} s.";
    }

    private static async Task<string> CancelJobAsync(JobsClient jobs, RunId id, CancellationToken cancellationToken)
    {
        var job = await RunLiveness.FindJobAsync(jobs, id.Value, cancellationToken).ConfigureAwait(false);
        if (job is null || job.Status.Stage.IsTerminal)
        {
            return $"Run {id} has no running Job{(job is null ? string.Empty : $" (Job {job.Id} ended {job.Status.Stage})")}; resume it with: {InterruptedRun.ResumeCommand(id.Value)} --executor job";
        }

        await jobs.CancelJobAsync(job.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return $"Job {job.Id} of run {id} was cancelled.";
    }
}
