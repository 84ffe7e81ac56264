using System.CommandLine;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Core;
using SpaceFactory.Phases.Recipes;

namespace SpaceFactory.Cli.Commands;

/// <summary><c>spacefactory validate &lt;space-id&gt;</c>: the validate-space recipe on an existing Space.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var space = new Argument<string>("space-id") { Description = "The Space to validate, namespace/name." };
        var endpoint = new Option<string?>("--endpoint") { Description = "The endpoint to call, e.g. /predict (default: the first in its API)." };
        var inputs = new Option<string?>("--inputs") { Description = "The inputs as a JSON array, e.g. '[\"Hello\", 8]' (default: each parameter's example)." };
        var calls = new Option<int>("--calls") { Description = "How many calls to make (the first, cold, apart; p50/p95 of the others).", DefaultValueFactory = _ => 3 };
        var expect = new Option<string?>("--expect") { Description = "The output type the Space must return: text, image, audio, label, json or file." };
        var sandbox = CliOptions.Sandbox();
        var record = CliOptions.Record();
        var json = CliOptions.Json();
        var verbose = CliOptions.Verbose();
        var command = new Command("validate", "Wait for an existing Space of yours, call its API N times: output type checked, returned files kept, cold/p50/p95 latency, a ZeroGPU duration; one line in its monitor history.")
        {
            space, endpoint, inputs, calls, expect, sandbox, record, json, verbose,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), async () =>
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["space"] = parse.GetRequiredValue(space),
                ["calls"] = parse.GetValue(calls).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (parse.GetValue(endpoint) is { } e)
            {
                parameters["endpoint"] = e;
            }

            if (parse.GetValue(inputs) is { } i)
            {
                parameters["inputs"] = i;
            }

            if (parse.GetValue(expect) is { } x)
            {
                parameters["expect"] = x;
            }

            var request = new FactoryRequest(FactoryRecipes.ValidateSpace) { Parameters = parameters };
            if (parse.GetValue(sandbox))
            {
                await using var local = await SandboxSession.StartAsync(cancellationToken).ConfigureAwait(false);
                return await RunExecution.ExecuteAsync(new RunInvocation(SandboxSession.Connection(local), parse.GetRequiredValue(record), request, "local",
                    parse.GetValue(json), parse.GetValue(verbose), local.DefaultUser), cancellationToken).ConfigureAwait(false);
            }

            return await RunExecution.ExecuteAsync(new RunInvocation(Connections.FromEnvironment(), parse.GetRequiredValue(record), request, "local",
                parse.GetValue(json), parse.GetValue(verbose)), cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
