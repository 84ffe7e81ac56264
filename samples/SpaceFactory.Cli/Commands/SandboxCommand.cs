using System.CommandLine;
using SpaceFactory.Sandbox;

namespace SpaceFactory.Cli.Commands;

/// <summary><c>spacefactory sandbox</c>: the Sandbox as a standalone server for your own tests and clients.</summary>
internal static class SandboxCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var data = new Option<string?>("--data") { Description = "Folder for its data (kept); a temporary folder by default." };
        var command = new Command("sandbox", "Run the Sandbox (a local Hugging Face emulator) until Ctrl+C; prints its URL and a token.") { port, data };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(json: false, async () =>
        {
            await HfSandbox.RunAsync(new HfSandboxOptions { Port = parse.GetValue(port), DataRoot = parse.GetValue(data) }, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
