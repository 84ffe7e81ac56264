using System.CommandLine;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Core;

namespace SpaceFactory.Cli.Commands;

/// <summary><c>spacefactory run &lt;recipe&gt;</c>: any recipe, against the Hub (<c>HF_TOKEN</c>) or <c>--sandbox</c>.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var recipe = new Argument<string>("recipe") { Description = "job-smoke, private-space, model-card or validate-space." };
        var model = new Option<string?>("--model") { Description = "The model (model-card), e.g. sshleifer/tiny-gpt2 or its URL." };
        var space = new Option<string?>("--space") { Description = "The target Space, name or namespace/name (never overwritten)." };
        var parameters = CliOptions.Params();
        var executor = new Option<string>("--executor") { Description = "local (this process) or job (a Hugging Face Job runs the worker).", DefaultValueFactory = _ => "local" };
        var sandbox = CliOptions.Sandbox();
        var record = CliOptions.Record();
        var json = CliOptions.Json();
        var verbose = CliOptions.Verbose();
        var command = new Command("run", "Run a recipe against the Hugging Face Hub (HF_TOKEN) or the built-in Sandbox.")
        {
            recipe, model, space, parameters, executor, sandbox, record, json, verbose,
        }.WithSandboxData();
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), async () =>
        {
            var values = CliOptions.ParsePairs(parse.GetValue(parameters));
            if (parse.GetValue(model) is { } m)
            {
                values["model"] = m;
            }

            if (parse.GetValue(space) is { } s)
            {
                values["space"] = s;
            }

            var request = new FactoryRequest(parse.GetRequiredValue(recipe)) { Parameters = values };
            if (parse.GetValue(sandbox))
            {
                await using var local = await SandboxSession.StartAsync(parse, parse.GetRequiredValue(record), cancellationToken).ConfigureAwait(false);
                return await RunExecution.ExecuteAsync(new RunInvocation(SandboxSession.Connection(local), parse.GetRequiredValue(record), request,
                    parse.GetRequiredValue(executor), parse.GetValue(json), parse.GetValue(verbose), local.DefaultUser), cancellationToken).ConfigureAwait(false);
            }

            return await RunExecution.ExecuteAsync(new RunInvocation(Connections.FromEnvironment(), parse.GetRequiredValue(record), request,
                parse.GetRequiredValue(executor), parse.GetValue(json), parse.GetValue(verbose)), cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
