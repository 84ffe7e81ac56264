using System.CommandLine;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Sandbox;

namespace SpaceFactory.Cli.Commands;

/// <summary><c>spacefactory sandbox</c>: the Sandbox as a standalone server for your own tests and clients.</summary>
internal static class SandboxCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var data = new Option<string?>(CliOptions.SandboxDataName, "--data")
        {
            Description = "Folder it keeps its repos, Spaces, Buckets and Jobs in, shared with demo and --sandbox. Default: $SPACE_FACTORY_RECORD_ROOT/sandbox or ./.spacefactory/sandbox.",
        };
        var fresh = CliOptions.FreshSandbox();
        var json = CliOptions.Json();
        var command = new Command("sandbox", "Run the Sandbox (a local Hugging Face emulator) until Ctrl+C; prints its URL and a token.") { port, data, fresh, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), async () =>
        {
            if (CliSignals.Current is { } signals)
            {
                // Ctrl+C or SIGTERM stops serving; disposing the Sandbox stops the app processes it started.
                signals.FirstSignalNotice = "Stopping the Sandbox and the app processes it started…";
            }

            var folder = SandboxSession.DataFolder(parse.GetValue(data), CliOptions.DefaultRecordRoot);
            if (parse.GetValue(fresh))
            {
                SandboxSession.Empty(folder);
            }

            var options = new HfSandboxOptions { Port = parse.GetValue(port), DataRoot = folder, PersistState = true, GradioPython = SandboxSession.GradioPython() };
            options.JobImageCommandMap[SandboxSession.WorkerImage] = SandboxSession.JobCommand; // --executor job against it runs this CLI's worker
            if (!parse.GetValue(json))
            {
                await HfSandbox.RunAsync(options, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await using var sandbox = await HfSandbox.StartAsync(options, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(
                new Output.SandboxJson(sandbox.Endpoint.AbsoluteUri.TrimEnd('/'), sandbox.DefaultUser, sandbox.DefaultToken), Output.CliJsonContext.Readable.SandboxJson)).ConfigureAwait(false);
            await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop serving.
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
