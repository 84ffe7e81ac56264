using System.CommandLine;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Cli.Output;
using SpaceFactory.Hf;
using SpaceFactory.Phases;
using SpaceFactory.Phases.Execution;

namespace SpaceFactory.Cli.Commands;

/// <summary>
/// <c>spacefactory worker</c>: what a Hugging Face Job runs, a thin call of the SDK's <see cref="HfJobWorker"/> (which an
/// image of your own calls the same way). Its arguments are <see cref="WorkerArguments"/>; the token comes only from
/// the Job secret <c>HF_TOKEN</c>. Prints one JSON line with the result.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var verbose = CliOptions.Verbose();
        var command = new Command("worker", $"Run one recipe inside a Hugging Face Job (the token comes from the Job secret {HfClientOptions.TokenVariable}): {WorkerArguments.Syntax}")
        {
            verbose,
        };

        // The worker's own arguments are parsed by the SDK (WorkerArguments.Parse), the same contract the executor builds.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(json: true, async () =>
        {
            var connection = new FactoryConnection(new HfClientOptions().ResolveEndpoint(), Token: null, IsSandbox: false);
            var worker = new HfJobWorker(new HfJobWorkerOptions
            {
                Configure = hf =>
                {
                    FactoryHost.AddLogging(hf.Services, parse.GetValue(verbose));
                    hf.ConfigurePiAgent(pi => PiAgentSettings.Apply(pi, connection));
                },
            });
            var result = await worker.RunAsync(parse.UnmatchedTokens, cancellationToken).ConfigureAwait(false);
            RunSummaryView.ShowJson(Console.Out, result, result.Location);
            return result.Succeeded ? ExitCodes.Success : ExitCodes.RunFailed;
        }));
        return command;
    }
}
