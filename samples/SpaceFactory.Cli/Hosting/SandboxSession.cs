using System.CommandLine;
using SpaceFactory.Cli.Commands;
using SpaceFactory.Sandbox;

namespace SpaceFactory.Cli.Hosting;

/// <summary>Starts the built-in Sandbox for a command, able to run this CLI's <c>worker</c> verb as a local Job.</summary>
internal static class SandboxSession
{
    /// <summary>The image name Jobs use to run this CLI's worker inside the Sandbox.</summary>
    public const string WorkerImage = "spacefactory/worker:local";

    /// <summary>Opt-in: a Python able to import gradio; the Sandbox then runs the generated apps for real.</summary>
    public const string GradioPythonVariable = "SPACE_FACTORY_GRADIO_PYTHON";

    /// <summary>The folder of the built-in Sandbox's data below a record root.</summary>
    public const string DataFolderName = "sandbox";

    /// <summary>
    /// Starts the built-in Sandbox of a verb: persistent in <c>--sandbox-data</c> (default <c>{record root}/sandbox</c>),
    /// emptied first with <c>--fresh-sandbox</c>, so that later verbs see the repos, Spaces and Jobs earlier ones made.
    /// </summary>
    public static Task<HfSandbox> StartAsync(ParseResult parse, string recordRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var folder = DataFolder(parse.GetValue<string?>(CliOptions.SandboxDataName), recordRoot);
        if (parse.GetValue<bool>(CliOptions.FreshSandboxName))
        {
            Empty(folder);
        }

        var options = new HfSandboxOptions { DataRoot = folder, PersistState = true, GradioPython = GradioPython() };
        options.JobImageCommandMap[WorkerImage] = JobCommand;
        return HfSandbox.StartAsync(options, cancellationToken);
    }

    /// <summary>The Sandbox's data folder: the one given, else <c>{record root}/sandbox</c>.</summary>
    public static string DataFolder(string? given, string recordRoot) =>
        Path.GetFullPath(given is { Length: > 0 } ? given : Path.Combine(recordRoot, DataFolderName));

    /// <summary>Deletes a Sandbox's data folder; refuses a folder that holds no Sandbox state (never a folder of yours).</summary>
    public static void Empty(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        if (!File.Exists(Path.Combine(folder, "state.json")) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new CliInputException($"{folder} is not a Sandbox data folder (it has no state.json); --fresh-sandbox deletes only a Sandbox's data.");
        }

        Directory.Delete(folder, recursive: true);
    }

    /// <summary>What a Sandbox Job of the worker image runs: this CLI from its first verb (<c>worker</c>, or <c>validate</c> for scheduled checks).</summary>
    public static IReadOnlyList<string> JobCommand(IReadOnlyList<string> argv) =>
        [.. WorkerLauncher(), .. argv.SkipWhile(a => a is not ("worker" or "validate"))];

    /// <summary>The Python of <see cref="GradioPythonVariable"/>, or null (simulated apps).</summary>
    public static string? GradioPython() => Environment.GetEnvironmentVariable(GradioPythonVariable) is { Length: > 0 } python ? python : null;

    public static FactoryConnection Connection(HfSandbox sandbox) => new(sandbox.Endpoint, sandbox.DefaultToken, IsSandbox: true);

    /// <summary>How to start this very CLI: the apphost (or NativeAOT binary), or <c>dotnet spacefactory.dll</c>.</summary>
    public static IReadOnlyList<string> WorkerLauncher()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        // AppContext.BaseDirectory, not Assembly.Location: the latter is empty in single-file and NativeAOT builds.
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? [process, Path.Combine(AppContext.BaseDirectory, "spacefactory.dll")]
            : [process];
    }
}
