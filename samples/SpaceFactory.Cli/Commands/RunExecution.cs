using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Cli.Output;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Buckets;
using SpaceFactory.Phases.Execution;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Hf.Jobs;
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

        HfJobExecutor? jobExecutor = null;
        using var provider = FactoryHost.Build(invocation.Connection, invocation.RecordRoot, invocation.Verbose, services =>
        {
            if (useJob)
            {
                services.AddSingleton<IRunExecutor>(sp =>
                {
                    var options = HfJobExecutorOptions.FromEnvironment();
                    if (invocation.Connection.IsSandbox)
                    {
                        options.Image = SandboxSession.WorkerImage;
                        options.BucketSource ??= $"hf://buckets/{invocation.SandboxUser}/spacefactory-runs";
                    }

                    return jobExecutor = new HfJobExecutor(sp.GetRequiredService<JobsClient>(), sp.GetRequiredService<BucketClient>(), options,
                        sp.GetRequiredService<IOptions<HfClientOptions>>(), sp.GetRequiredService<TimeProvider>());
                });
            }
        });

        var me = await provider.GetRequiredService<HubClient>().WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        var factory = provider.GetRequiredService<ISpaceFactory>();
        factory.Recipes.GetRequired(invocation.Request.Recipe);
        var runId = RunId.New(TimeProvider.System);
        var request = invocation.Request with
        {
            RunId = runId,
            Secrets = new Dictionary<string, string>(StringComparer.Ordinal) { ["HF_TOKEN"] = invocation.Connection.Token ?? string.Empty },
        };
        if (!invocation.Json)
        {
            console.MarkupLine($"[blue]SpaceFactory[/] {Markup.Escape(request.Recipe)} as [bold]{Markup.Escape(me.Name)}[/] on {Markup.Escape(invocation.Connection.Endpoint.ToString())}{(useJob ? " in a Job" : string.Empty)} — run {runId}");
        }

        var run = factory.RunAsync(request, cancellationToken);
        var records = useJob ? (IRunReader)jobExecutor!.Records : provider.GetRequiredService<IRunReader>();
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
