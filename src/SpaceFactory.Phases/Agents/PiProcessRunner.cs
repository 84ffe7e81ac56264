using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SpaceFactory.Phases.Agents;

/// <summary>
/// Runs one <c>pi --mode json -p</c> task: stdin closed at once (pi would read an open pipe forever), the brief as an
/// <c>@file</c>, the session pinned to a path, a minimal environment, and a wall-clock limit (SIGTERM, then SIGKILL).
/// </summary>
internal sealed class PiProcessRunner(PiAgentOptions options, TimeProvider timeProvider, ILogger logger)
{
    // Variables a node/dotnet child may need; everything else of the host (its own secrets included) stays out.
    private static readonly string[] PassThrough =
        ["PATH", "LANG", "LC_ALL", "TZ", "DOTNET_ROOT", "SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS",
         "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"];

    // apiKey: put into the environment as PiAgentOptions.ApiKeyVariable; null leaves every token out.
    // hubEndpoint: always the agent's HF_ENDPOINT, so its hf never sends a token to another Hub.
    public async Task<(PiRunResult Result, string Transcript)> RunAsync(string executable, PiAgentFolder folder, string taskName,
        IReadOnlyList<string> tools, string? apiKey, Uri? hubEndpoint, CancellationToken cancellationToken)
    {
        var start = StartInfo(executable, folder, tools, apiKey, hubEndpoint);
        var reader = new PiEventReader();
        var started = timeProvider.GetTimestamp();
        PiAgentLog.Started(logger, taskName, options.Model);
        Process? launched;
        try
        {
            launched = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new PiAgentUnavailableException($"'{executable}' could not be started (is Node.js >= 20.6 on PATH?): {ex.Message}", ex);
        }

        using var process = launched ?? throw new PiAgentUnavailableException($"'{executable}' did not start.");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var stdout = ReadEventsAsync(process, reader);

        using var limit = new CancellationTokenSource(options.TimeLimit, timeProvider);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            timedOut = limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            if (timedOut)
            {
                PiAgentLog.TimeLimitReached(logger, taskName, options.TimeLimit);
            }

            await StopAsync(process).ConfigureAwait(false);
        }

        await stdout.ConfigureAwait(false);
        var errors = (await stderr.ConfigureAwait(false)).Trim();
        cancellationToken.ThrowIfCancellationRequested();

        var result = new PiRunResult
        {
            ExitCode = process.ExitCode,
            TimedOut = timedOut,
            StopReason = reader.StopReason,
            ErrorMessage = reader.ErrorMessage,
            FinalText = reader.FinalText,
            ToolCalls = reader.ToolCalls,
            Duration = timeProvider.GetElapsedTime(started),
        };
        if (errors.Length > 0)
        {
            reader.Note("[stderr] " + (errors.Length > 4000 ? errors[^4000..] : errors));
        }

        reader.Note($"[end] exit code {result.ExitCode}, stop reason {result.StopReason ?? "none"}, {result.ToolCalls} tool calls, {result.Duration.TotalSeconds:F1} s{(timedOut ? ", stopped at the time limit" : string.Empty)}");
        PiAgentLog.Ended(logger, taskName, result.ExitCode, result.StopReason);
        return (result, reader.Transcript);
    }

    internal ProcessStartInfo StartInfo(string executable, PiAgentFolder folder, IReadOnlyList<string> tools, string? apiKey, Uri? hubEndpoint)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder.Workspace,
        };
        string[] arguments =
        [
            "--mode", "json", "-p",
            "--provider", PiAgentFolder.ProviderName, "--model", options.Model, "--thinking", "off",
            "--no-extensions", "--no-skills", "--no-prompt-templates", "--no-themes", "-nc",
            "--session", folder.SessionPath,
            "--tools", string.Join(',', tools),
            "@" + folder.BriefPath,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var inherited = PassThrough
            .Select(name => (name, value: Environment.GetEnvironmentVariable(name)))
            .Where(v => v.value is not null)
            .ToArray();
        start.Environment.Clear();
        foreach (var (name, value) in inherited)
        {
            start.Environment[name] = value;
        }

        if (options.HubCliCommand is { Count: > 0 })
        {
            start.Environment["PATH"] = folder.BinDirectory + Path.PathSeparator + start.Environment["PATH"];
        }

        start.Environment["HOME"] = folder.HomeDirectory;
        start.Environment["TMPDIR"] = folder.TempDirectory;
        start.Environment["PI_CODING_AGENT_DIR"] = folder.AgentDirectory;
        start.Environment["PI_OFFLINE"] = "1";
        start.Environment["PI_SKIP_VERSION_CHECK"] = "1";
        start.Environment["PI_TELEMETRY"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in options.Environment.Where(e => !IsSecretName(e.Key)))
        {
            start.Environment[name] = value;
        }

        if (hubEndpoint is not null)
        {
            start.Environment["HF_ENDPOINT"] = hubEndpoint.ToString().TrimEnd('/');
        }

        if (apiKey is not null)
        {
            start.Environment[options.ApiKeyVariable] = apiKey;
        }

        return start;
    }

    // Secrets belong in the run's secrets, never in PiAgentOptions.Environment: a token there would reach every task.
    private static bool IsSecretName(string name) =>
        name.Contains("TOKEN", StringComparison.OrdinalIgnoreCase) || name.Contains("KEY", StringComparison.OrdinalIgnoreCase)
        || name.Contains("SECRET", StringComparison.OrdinalIgnoreCase) || name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase);

    private static async Task ReadEventsAsync(Process process, PiEventReader reader)
    {
        while (await process.StandardOutput.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            reader.Read(line);
        }
    }

    private async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        PosixSignals.Terminate(process);
        using var grace = new CancellationTokenSource(options.TerminateGrace, timeProvider);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
