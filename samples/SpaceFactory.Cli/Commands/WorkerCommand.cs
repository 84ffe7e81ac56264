using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Cli.Output;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;

namespace SpaceFactory.Cli.Commands;

/// <summary>
/// <c>spacefactory worker</c>: what a Hugging Face Job runs. The token comes only from the Job secret <c>HF_TOKEN</c>;
/// the record goes to <c>--record</c> (the mounted Bucket). Prints one JSON line with the result.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var recipe = new Option<string>("--recipe") { Description = "The recipe to run.", Required = true };
        var runId = new Option<string>("--run-id") { Description = "The run id chosen by the orchestrator.", Required = true };
        var record = new Option<string>("--record") { Description = "The record folder (the Bucket's mount, e.g. /output).", Required = true };
        var target = new Option<string?>("--target") { Description = "The run's target." };
        var parameters = CliOptions.Params();
        var resume = new Option<bool>("--resume") { Description = "Resume the run instead of starting it." };
        var verbose = CliOptions.Verbose();
        var command = new Command("worker", "Run one recipe inside a Hugging Face Job (the token comes from the Job secret HF_TOKEN).")
        {
            recipe, runId, record, target, parameters, resume, verbose,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(json: true, async () =>
        {
            var connection = Connections.FromEnvironment();
            var id = RunId.Parse(parse.GetRequiredValue(runId));
            using var provider = FactoryHost.Build(connection, parse.GetRequiredValue(record), parse.GetValue(verbose),
                services => services.Configure<SpaceFactoryOptions>(o => o.ExecutorName = "hf-job"));
            var factory = provider.GetRequiredService<ISpaceFactory>();
            var secrets = new Dictionary<string, string>(StringComparer.Ordinal) { ["HF_TOKEN"] = connection.Token! };
            var result = parse.GetValue(resume)
                ? await factory.ResumeAsync(id, secrets, cancellationToken).ConfigureAwait(false)
                : await factory.RunAsync(new FactoryRequest(parse.GetRequiredValue(recipe))
                {
                    RunId = id,
                    Target = parse.GetValue(target),
                    Parameters = CliOptions.ParsePairs(parse.GetValue(parameters)),
                    Secrets = secrets,
                }, cancellationToken).ConfigureAwait(false);
            RunSummaryView.ShowJson(Console.Out, result, result.Location);
            return result.Succeeded ? ExitCodes.Success : ExitCodes.RunFailed;
        }));
        return command;
    }
}
