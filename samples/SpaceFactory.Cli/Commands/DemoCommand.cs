using System.CommandLine;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Core;
using SpaceFactory.Phases.Recipes;

namespace SpaceFactory.Cli.Commands;

/// <summary><c>spacefactory demo</c>: the whole factory offline, against the built-in Sandbox (its data kept for later verbs).</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var recipe = new Option<string>("--recipe") { Description = "The recipe to demonstrate: model-card, private-space, job-smoke, pi-edit (the Pi coding agent makes a safe edit) or pi-recipe (Pi deploys the Space itself); the Pi recipes need Node.js >= 20.6 and npm.", DefaultValueFactory = _ => FactoryRecipes.ModelCard };
        var model = new Option<string>("--model") { Description = "A model seeded in the Sandbox.", DefaultValueFactory = _ => "sshleifer/tiny-gpt2" };
        var executor = new Option<string>("--executor") { Description = "local (in this process) or job (a Sandbox Job runs the worker).", DefaultValueFactory = _ => "local" };
        var extra = CliOptions.Params();
        var record = CliOptions.Record();
        var json = CliOptions.Json();
        var verbose = CliOptions.Verbose();
        var command = new Command("demo", "Start the built-in Sandbox and run a recipe end to end (default: model-card for sshleifer/tiny-gpt2). No token, no network.")
        {
            recipe, model, executor, extra, record, json, verbose,
        }.WithSandboxData();
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), async () =>
        {
            await using var sandbox = await SandboxSession.StartAsync(parse, parse.GetRequiredValue(record), cancellationToken).ConfigureAwait(false);
            var name = parse.GetRequiredValue(recipe);
            var parameters = CliOptions.ParsePairs(parse.GetValue(extra));
            if (string.Equals(name, FactoryRecipes.ModelCard, StringComparison.Ordinal))
            {
                parameters.TryAdd("model", parse.GetRequiredValue(model));
                if (!parameters.ContainsKey(SpaceParameter))
                {
                    parameters[SpaceParameter] = FreeSpaceName(sandbox, parameters["model"]);
                }
            }

            return await RunExecution.ExecuteAsync(
                new RunInvocation(SandboxSession.Connection(sandbox), parse.GetRequiredValue(record), new FactoryRequest(name) { Parameters = parameters },
                    parse.GetRequiredValue(executor), parse.GetValue(json), parse.GetValue(verbose), sandbox.DefaultUser),
                cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private const string SpaceParameter = "space";

    /// <summary>
    /// <c>{model name}-demo</c>, or with <c>-2</c>, <c>-3</c>… when an earlier demo left that Space in the kept Sandbox
    /// (the factory never overwrites a Space, so a second demo would otherwise end <c>target_exists</c>).
    /// </summary>
    private static string FreeSpaceName(Sandbox.HfSandbox sandbox, string model)
    {
        var baseName = model[(model.LastIndexOf('/') + 1)..] + "-demo";
        var name = baseName;
        for (var n = 2; sandbox.Inspector.GetSpaceStage(sandbox.DefaultUser + "/" + name) is not null; n++)
        {
            name = baseName + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }
}
