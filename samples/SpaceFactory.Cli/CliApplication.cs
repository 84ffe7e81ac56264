using System.CommandLine;
using SpaceFactory.Cli.Commands;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Cli.Output;

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
        CancelCommand.Create(),
        ResumeCommand.Create(),
        MonitorsCommand.Create(),
    };

    /// <summary>Parses and runs; usage errors exit with <see cref="ExitCodes.InvalidInput"/>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var commands = Create();
        StartupTrace.Mark("commands");
        // No response files: '@daily' is a schedule, not a file of arguments.
        var parse = commands.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        StartupTrace.Mark("parsed");
        if (parse.Errors.Count > 0)
        {
            await UsageErrors.WriteAsync([.. parse.Errors.Select(e => e.Message)], json: args.Contains("--json", StringComparer.Ordinal)).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        // Our own Ctrl+C/SIGTERM handling (CliSignals): the first cancels cooperatively, a second exits at once.
        using var signals = new CliSignals();
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, signals.Token).ConfigureAwait(false);
        StartupTrace.Mark("exit");
        return exitCode;
    }
}
