using System.CommandLine;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Core;
using SpaceFactory.Hf.Recipes;

namespace SpaceFactory.Cli.Commands;

/// <summary><c>spacefactory demo</c>: the whole factory offline, against a fresh built-in Sandbox.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var recipe = new Option<string>("--recipe") { Description = "The recipe to demonstrate.", DefaultValueFactory = _ => FactoryRecipes.ModelCard };
        var model = new Option<string>("--model") { Description = "A model seeded in the Sandbox.", DefaultValueFactory = _ => "sshleifer/tiny-gpt2" };
        var executor = new Option<string>("--executor") { Description = "local (in this process) or job (a Sandbox Job runs the worker).", DefaultValueFactory = _ => "local" };
        var record = CliOptions.Record();
        var json = CliOptions.Json();
        var verbose = CliOptions.Verbose();
        var command = new Command("demo", "Start the built-in Sandbox and run a recipe end to end (default: model-card for sshleifer/tiny-gpt2). No token, no network.")
        {
            recipe, model, executor, record, json, verbose,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), async () =>
        {
            await using var sandbox = await SandboxSession.StartAsync(cancellationToken).ConfigureAwait(false);
            var name = parse.GetRequiredValue(recipe);
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            if (string.Equals(name, FactoryRecipes.ModelCard, StringComparison.Ordinal))
            {
                parameters["model"] = parse.GetRequiredValue(model);
            }

            return await RunExecution.ExecuteAsync(
                new RunInvocation(SandboxSession.Connection(sandbox), parse.GetRequiredValue(record), new FactoryRequest(name) { Parameters = parameters },
                    parse.GetRequiredValue(executor), parse.GetValue(json), parse.GetValue(verbose), sandbox.DefaultUser),
                cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
