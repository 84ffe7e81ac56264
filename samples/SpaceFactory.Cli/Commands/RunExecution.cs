using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Cli.Output;
using SpaceFactory.Cli.Runs;
using SpaceFactory.Core.Records;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases;
using Spectre.Console;

namespace SpaceFactory.Cli.Commands;

/// <summary>Runs a request in this process or in a Job, shows its progress and summary, and returns the exit code.</summary>
internal static class RunExecution
{
    /// <summary>The recipe name of a resume request: the recipe and parameters are read from the run's record.</summary>
    public const string FromRecord = "(from the record)";

    public static async Task<int> ExecuteAsync(RunInvocation invocation, CancellationToken cancellationToken)
    {
        var console = CliConsole.Out;
        var useJob = invocation.Executor switch
        {
            "local" => false,
            "job" => true,
            _ => throw new CliInputException($"--executor must be 'local' or 'job', not '{invocation.Executor}'."),
        };

        using var provider = FactoryHost.Build(invocation.Connection, invocation.RecordRoot, invocation.Verbose, hf =>
        {
            if (useJob)
            {
                hf.AddHfJobExecutor(options =>
                {
                    if (invocation.Connection.IsSandbox)
                    {
                        options.Image = SandboxSession.WorkerImage;
                        options.BucketSource ??= $"hf://buckets/{invocation.SandboxUser}/spacefactory-runs";
                    }
                });
            }
        });

        var me = await provider.GetRequiredService<HubClient>().WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        var factory = provider.GetRequiredService<ISpaceFactory>();
        if (invocation.Resume is { } resumed)
        {
            var recorded = await factory.Runs.GetStateAsync(resumed, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"There is no run {resumed} in {factory.Runs.Describe(resumed)}.");
            invocation = invocation with { Request = new FactoryRequest(recorded.Recipe) { Parameters = recorded.Parameters, Target = recorded.Target } };
        }

        factory.Recipes.GetRequired(invocation.Request.Recipe);
        RecipeParameters.Check(invocation.Request.Recipe, invocation.Request.Parameters);
        var request = (invocation.Request with
        {
            RunId = invocation.Resume ?? invocation.Request.RunId,
            Secrets = new Dictionary<string, string>(StringComparer.Ordinal) { [FactorySecrets.HubToken] = invocation.Connection.Token ?? string.Empty },
        }).WithRunId(provider.GetRequiredService<TimeProvider>());
        var runId = request.RunId!.Value;
        if (!invocation.Json)
        {
            console.MarkupLine($"[blue]SpaceFactory[/] {Markup.Escape(request.Recipe)} as [bold]{Markup.Escape(me.Name)}[/] on {Markup.Escape(invocation.Connection.Endpoint.ToString())}{(useJob ? " in a Job" : string.Empty)} — {(invocation.Resume is null ? "run" : "resuming run")} {runId}");
        }

        var clock = provider.GetRequiredService<TimeProvider>();
        new RunOwner(Environment.ProcessId, useJob ? "job" : "local", clock.GetUtcNow()).Write(invocation.RecordRoot, runId.Value);
        if (CliSignals.Current is { } signals && !useJob)
        {
            var store = new DirectoryRunStore(invocation.RecordRoot);
            signals.OnSecondSignal = () => InterruptedRun.Mark(store, runId, "the CLI was stopped by a second Ctrl+C", clock);
        }

        RunResult result;
        var records = factory.Runs;
        try
        {
            var run = invocation.Resume is { } resume ? factory.ResumeAsync(resume, request.Secrets, cancellationToken) : factory.RunAsync(request, cancellationToken);

            // Progress is read to the run's end, also after Ctrl+C: the cancellation's own events are shown.
            result = invocation.Json ? await run.ConfigureAwait(false) : await RunProgress.FollowAsync(records, runId, run, console, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The Job executor cancels the Job, then gives up following it; the Job's worker ends the record itself.
            var ended = useJob ? await records.WaitUntilEndedAsync(runId, RunReaderExtensions.CancelledJobGracePeriod, clock, CancellationToken.None).ConfigureAwait(false) : null;
            result = ended is { Status: RunStatus.Cancelled }
                ? new RunResult(runId, ended.Status, ended.Outcome, records.Describe(runId))
                : new RunResult(runId, RunStatus.Cancelled, new RunOutcome(OutcomeCode.Cancelled, useJob ? "cancelled by Ctrl+C; the Job was cancelled" : "cancelled by Ctrl+C"), records.Describe(runId));
        }
        finally
        {
            if (CliSignals.Current is { } current)
            {
                current.OnSecondSignal = null;
            }

            RunOwner.Remove(invocation.RecordRoot, runId.Value);
        }

        var location = records.Describe(runId);
        if (invocation.Json)
        {
            RunSummaryView.ShowJson(Console.Out, result, location);
        }
        else if (await records.GetStateAsync(runId, CancellationToken.None).ConfigureAwait(false) is { } state)
        {
            RunSummaryView.Show(console, state, location); // says "resume: …" for a cancelled or interrupted record
            if (result.Status == RunStatus.Cancelled && state.Status == RunStatus.Running)
            {
                // A Job's worker stopped before it could end its record.
                console.MarkupLine($"cancelled: {Markup.Escape(result.Outcome?.Reason ?? string.Empty)}");
                console.MarkupLine($"resume: {Markup.Escape(InterruptedRun.ResumeCommand(runId.Value))}");
            }
        }
        else
        {
            console.MarkupLine($"[red]{result.Status.ToString().ToLowerInvariant()}[/]: {Markup.Escape(result.Outcome?.Reason ?? "no record was written")}");
        }

        return result.Succeeded ? ExitCodes.Success
            : result.Status == RunStatus.Cancelled ? ExitCodes.Cancelled
            : result.Outcome?.Code == OutcomeCode.InvalidInput ? ExitCodes.InvalidInput
            : ExitCodes.RunFailed;
    }
}

/// <summary>Everything a run command needs.</summary>
internal sealed record RunInvocation(FactoryConnection Connection, string RecordRoot, FactoryRequest Request, string Executor, bool Json, bool Verbose, string? SandboxUser = null)
{
    /// <summary>Resume this run (its recipe and parameters are in <see cref="Request"/>, read from its record) instead of starting one.</summary>
    public RunId? Resume { get; init; }
}
