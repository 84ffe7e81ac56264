using System.Diagnostics;
using SpaceFactory.Hf;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>Starts the built CLI (<c>spacefactory.dll</c> beside the tests) as a separate process.</summary>
internal static class CliProcess
{
    /// <summary>The command that starts the built CLI: <c>dotnet</c> and <c>spacefactory.dll</c> beside the tests.</summary>
    public static IReadOnlyList<string> Command =>
        [Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? Environment.ProcessPath : "dotnet", Path.Combine(AppContext.BaseDirectory, "spacefactory.dll")];

    /// <summary>A start description with redirected output, no inherited Hub settings and no colours.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IDictionary<string, string?>? environment, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Command[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(Command[1]);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove(HfClientOptions.TokenVariable);
        info.Environment.Remove("HF_ENDPOINT");
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>Runs the CLI to its end; the captured output is also swept for the secret canary by the caller.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, IDictionary<string, string?>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>A new empty temporary folder.</summary>
    public static string TempFolder(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
