using System.Diagnostics;

namespace SpaceFactory.Scenarios;

/// <summary>
/// Re-invokes this runner with <c>--child Pn</c> so that a workload's peak RSS (VmHWM) is its own, not the runner's
/// (which also hosts the local server and its payload), and so that a cold measurement starts in a fresh process.
/// </summary>
internal static class ChildProcess
{
    /// <summary>
    /// Runs the child to its end and reads what it printed into <paramref name="result"/>; returns the parent's start
    /// timestamp. <paramref name="binary"/>: a native build of this runner to start instead of <c>dotnet</c> + this assembly.
    /// </summary>
    public static async Task<long> RunAsync(ScenarioResult result, string workload, Uri target, ScenarioOptions options, string? token, string? binary, CancellationToken cancellationToken)
    {
        var info = binary is null
            ? new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            : new ProcessStartInfo(binary);
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        if (binary is null)
        {
            // AppContext.BaseDirectory, not Assembly.Location: the runner also publishes as NativeAOT (--native).
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, typeof(ChildProcess).Assembly.GetName().Name + ".dll"));
        }

        foreach (var arg in (string[])["--child", workload, "--target", target.AbsoluteUri, .. options.SizeArguments()])
        {
            info.ArgumentList.Add(arg);
        }

        // Workstation GC, and this project's runtimeconfig: non-concurrent, and the CLI's 4 MiB cap of the generation-0
        // budget (System.GC.Gen0MaxBudget; background GC on or off made no difference to P2's RSS). The token travels in
        // the environment, never on the command line.
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment.Remove("HF_ENDPOINT");
        if (token is not null)
        {
            info.Environment["HF_TOKEN"] = token;
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The child process did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var printed = (await stdout.ConfigureAwait(false)).Split('\n');
        var line = printed.FirstOrDefault(l => l.StartsWith("CHILD ", StringComparison.Ordinal));
        foreach (var memory in printed.Where(l => l.StartsWith("MEMORY ", StringComparison.Ordinal)))
        {
            // --diagnose-memory: which child said it (the JIT or the native build, which workload).
            await Console.Error.WriteLineAsync($"# {workload} {(binary is null ? "jit" : "native")} {memory}").ConfigureAwait(false);
        }

        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The {workload} child exited with {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()}");
        }

        result.ReadChild(line["CHILD ".Length..]);
        return started;
    }
}
