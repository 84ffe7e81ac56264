using System.Diagnostics;

namespace SpaceFactory.Scenarios;

/// <summary>
/// Re-invokes this runner with <c>--child Pn</c> so that a workload's peak RSS (VmHWM) is its own, not the runner's
/// (which also hosts the local server and its payload).
/// </summary>
internal static class ChildProcess
{
    public static async Task<ScenarioResult> RunAsync(ScenarioResult result, string workload, Uri target, ScenarioOptions options, CancellationToken cancellationToken)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var arg in (string[])["--child", workload, "--target", target.AbsoluteUri, .. options.SizeArguments()])
        {
            info.ArgumentList.Add(arg);
        }

        // The same GC settings as a default console app of the SDK's users: workstation, non-concurrent.
        info.Environment["DOTNET_gcServer"] = "0";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The child process did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var line = (await stdout.ConfigureAwait(false)).Split('\n').FirstOrDefault(l => l.StartsWith("CHILD ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The {workload} child exited with {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()}");
        }

        result.ReadChild(line["CHILD ".Length..]);
        return result;
    }
}
