using SpaceFactory.Sandbox;

namespace SpaceFactory.Cli.Hosting;

/// <summary>Starts the built-in Sandbox for a command, able to run this CLI's <c>worker</c> verb as a local Job.</summary>
internal static class SandboxSession
{
    /// <summary>The image name Jobs use to run this CLI's worker inside the Sandbox.</summary>
    public const string WorkerImage = "spacefactory/worker:local";

    /// <summary>Opt-in: a Python able to import gradio; the Sandbox then runs the generated apps for real.</summary>
    public const string GradioPythonVariable = "SPACE_FACTORY_GRADIO_PYTHON";

    public static Task<HfSandbox> StartAsync(CancellationToken cancellationToken, string? dataRoot = null)
    {
        var options = new HfSandboxOptions { DataRoot = dataRoot, GradioPython = GradioPython() };
        options.JobImageCommandMap[WorkerImage] = JobCommand;
        return HfSandbox.StartAsync(options, cancellationToken);
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
