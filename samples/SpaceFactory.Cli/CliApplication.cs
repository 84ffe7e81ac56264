using System.CommandLine;
using SpaceFactory.Cli.Commands;

namespace SpaceFactory.Cli;

/// <summary>The command tree of <c>spacefactory</c>.</summary>
internal static class CliApplication
{
    public static RootCommand Create() => new("SpaceFactory: build private, validated Gradio Spaces from Hugging Face model cards.")
    {
        DemoCommand.Create(),
        RunCommand.Create(),
        StatusCommand.Create(),
        RunsCommand.Create(),
        ValidateCommand.Create(),
        WorkerCommand.Create(),
        SandboxCommand.Create(),
        RepoCommand.Create(),
        UploadCommand.Create(),
    };

    /// <summary>Parses and runs; usage errors exit with <see cref="ExitCodes.InvalidInput"/>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Run 'spacefactory --help' for usage.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
