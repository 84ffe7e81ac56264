using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Cli.Output;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases;
using Spectre.Console;

namespace SpaceFactory.Cli.Commands;

/// <summary>Runs a request in this process or in a Job, shows its progress and summary, and returns the exit code.</summary>
internal static class RunExecution
{
    public static async Task<int> ExecuteAsync(RunInvocation invocation, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
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
        factory.Recipes.GetRequired(invocation.Request.Recipe);
        var request = (invocation.Request with
        {
            Secrets = new Dictionary<string, string>(StringComparer.Ordinal) { [FactorySecrets.HubToken] = invocation.Connection.Token ?? string.Empty },
        }).WithRunId(provider.GetRequiredService<TimeProvider>());
        var runId = request.RunId!.Value;
        if (!invocation.Json)
        {
            console.MarkupLine($"[blue]SpaceFactory[/] {Markup.Escape(request.Recipe)} as [bold]{Markup.Escape(me.Name)}[/] on {Markup.Escape(invocation.Connection.Endpoint.ToString())}{(useJob ? " in a Job" : string.Empty)} — run {runId}");
        }

        var run = factory.RunAsync(request, cancellationToken);
        var records = factory.Runs;
        var result = invocation.Json ? await run.ConfigureAwait(false) : await RunProgress.FollowAsync(records, runId, run, console, cancellationToken).ConfigureAwait(false);
        var location = records.Describe(runId);
        if (invocation.Json)
        {
            RunSummaryView.ShowJson(Console.Out, result, location);
        }
        else if (await records.GetStateAsync(runId, cancellationToken).ConfigureAwait(false) is { } state)
        {
            RunSummaryView.Show(console, state, location);
        }
        else
        {
            console.MarkupLine($"[red]{result.Status}[/]: {Markup.Escape(result.Outcome?.Reason ?? "no record was written")}");
        }

        return result.Succeeded ? ExitCodes.Success
            : result.Outcome?.Code == OutcomeCode.InvalidInput ? ExitCodes.InvalidInput
            : ExitCodes.RunFailed;
    }
}

/// <summary>Everything a run command needs.</summary>
internal sealed record RunInvocation(FactoryConnection Connection, string RecordRoot, FactoryRequest Request, string Executor, bool Json, bool Verbose, string? SandboxUser = null);
