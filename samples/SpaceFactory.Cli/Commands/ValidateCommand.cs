using System.CommandLine;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Cli.Output;
using SpaceFactory.Core;
using SpaceFactory.Phases.Recipes;
using Spectre.Console;

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
        var schedule = new Option<string?>("--schedule") { Description = "Check on a schedule in a Hugging Face scheduled Job instead of now: @hourly, @daily, @weekly or a cron expression (UTC). Needs SPACE_FACTORY_JOB_IMAGE and SPACE_FACTORY_BUCKET_SOURCE." };
        var expect = new Option<string?>("--expect") { Description = "The output type the Space must return: text, image, audio, label, json or file." };
        var sandbox = CliOptions.Sandbox();
        var record = CliOptions.Record();
        var json = CliOptions.Json();
        var verbose = CliOptions.Verbose();
        var command = new Command("validate", "Wait for an existing Space of yours, call its API N times: output type checked, returned files kept, cold/p50/p95 latency, a ZeroGPU duration; one line in its monitor history.")
        {
            space, endpoint, inputs, calls, expect, schedule, sandbox, record, json, verbose,
        }.WithSandboxData();
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

            if (parse.GetValue(schedule) is { } every)
            {
                return await ScheduleAsync(parse, parameters, every, parse.GetValue(sandbox), parse.GetValue(json), parse.GetValue(verbose), cancellationToken).ConfigureAwait(false);
            }

            var request = new FactoryRequest(FactoryRecipes.ValidateSpace) { Parameters = parameters };
            if (parse.GetValue(sandbox))
            {
                await using var local = await SandboxSession.StartAsync(parse, parse.GetRequiredValue(record), cancellationToken).ConfigureAwait(false);
                return await RunExecution.ExecuteAsync(new RunInvocation(SandboxSession.Connection(local), parse.GetRequiredValue(record), request, "local",
                    parse.GetValue(json), parse.GetValue(verbose), local.DefaultUser), cancellationToken).ConfigureAwait(false);
            }

            return await RunExecution.ExecuteAsync(new RunInvocation(Connections.FromEnvironment(), parse.GetRequiredValue(record), request, "local",
                parse.GetValue(json), parse.GetValue(verbose)), cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> ScheduleAsync(ParseResult parse, Dictionary<string, string> parameters, string every, bool sandbox, bool json, bool verbose, CancellationToken cancellationToken)
    {
        if (sandbox)
        {
            throw new CliInputException("--schedule needs a Hub that outlives this command: the built-in --sandbox stops when it exits. Start 'spacefactory sandbox' and point HF_ENDPOINT and HF_TOKEN at it, or use the Hub.");
        }

        var text = parameters["space"];
        if (!Hf.RepoId.TryParse(text, out var space, out var error) || space.Namespace is null)
        {
            throw new CliInputException($"'{text}' is not a Space id (owner/name): {(error ?? "it has no owner").TrimEnd('.')}.");
        }

        var forwarded = parameters.Where(p => p.Key is not "space").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var (job, bucket) = await ScheduledValidation.CreateAsync(Connections.FromEnvironment(), space, every, forwarded, verbose, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(
                new Output.ScheduleJson(job.Id, job.Schedule, space.ToString(), job.Status?.NextJobRunAt, bucket, $"spacefactory monitors {space} --bucket {bucket}"),
                Output.CliJsonContext.Readable.ScheduleJson));
        }
        else
        {
            var console = CliConsole.Out;
            console.MarkupLine(Spectre.Console.Markup.Escape($"Scheduled Job {job.Id} checks {space} {job.Schedule} (next run: {job.Status?.NextJobRunAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "-"})."));
            console.MarkupLine(Spectre.Console.Markup.Escape($"Each check writes its record and one history line to {bucket}; see them with: spacefactory monitors {space} --bucket {bucket}"));
        }

        _ = parse;
        return ExitCodes.Success;
    }
}
