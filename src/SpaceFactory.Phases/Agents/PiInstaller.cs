using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SpaceFactory.Phases.Agents;

/// <summary>
/// Finds <c>pi</c>, installing the pinned version when it is missing (one install at a time per folder) with
/// <c>npm ci</c> from the shipped lock file (<c>Agents/PiLock</c>: every transitive package pinned with its integrity
/// hash, install scripts off), in an environment without the run's or the host's secrets.
/// </summary>
public sealed class PiInstaller(PiAgentOptions options, ILogger<PiInstaller>? logger = null)
{
    private readonly ILogger _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>The path of a runnable <c>pi</c>.</summary>
    /// <param name="cancellationToken">Cancels the install.</param>
    /// <returns>The executable.</returns>
    /// <exception cref="PiAgentUnavailableException">It is missing and the install failed.</exception>
    public async Task<string> EnsureAsync(CancellationToken cancellationToken)
    {
        if (options.Executable is { } configured)
        {
            return File.Exists(configured) ? configured : throw new PiAgentUnavailableException($"PiAgentOptions.Executable '{configured}' does not exist.");
        }

        var folder = Path.Combine(options.ResolveInstallRoot(), options.Version);
        var executable = Path.Combine(folder, "node_modules", ".bin", "pi");
        if (IsInstalled(folder, executable))
        {
            return executable;
        }

        Directory.CreateDirectory(folder);
        // Parallel runs (tests, several workers in one image) share the folder: the first installs, the others wait.
        await using var gate = await AcquireLockAsync(Path.Combine(folder, ".install.lock"), cancellationToken).ConfigureAwait(false);
        if (IsInstalled(folder, executable))
        {
            return executable;
        }

        var spec = options.Package + "@" + options.Version;
        PiLock.WriteTo(folder, options);
        PiAgentLog.Installing(_logger, spec, folder);
        var started = Stopwatch.GetTimestamp();
        await RunNpmAsync(folder, spec, cancellationToken).ConfigureAwait(false);
        if (!IsInstalled(folder, executable))
        {
            throw new PiAgentUnavailableException($"npm installed {spec} into {folder}, but {executable} is missing.");
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        PiAgentLog.Installed(_logger, spec, seconds);
        return executable;
    }

    private bool IsInstalled(string folder, string executable) =>
        string.Equals(InstalledVersion(folder), options.Version, StringComparison.Ordinal) && File.Exists(executable);

    private string? InstalledVersion(string folder)
    {
        var manifest = Path.Combine([folder, "node_modules", .. options.Package.Split('/'), "package.json"]);
        if (!File.Exists(manifest))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
        return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
    }

    private async Task RunNpmAsync(string folder, string spec, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.Npm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in (string[])["ci", "--prefix", folder, "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"])
        {
            start.ArgumentList.Add(argument);
        }

        PiLock.MinimalEnvironment(start.Environment);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PiAgentUnavailableException($"'{options.Npm}' did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new PiAgentUnavailableException($"pi is not installed and '{options.Npm}' could not be started to install {spec} (Node.js >= 20.6 with npm is required): {ex.Message}", ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                var error = (await stderr.ConfigureAwait(false)).Trim();
                throw new PiAgentUnavailableException($"npm install {spec} failed with exit code {process.ExitCode}: {(error.Length > 2000 ? error[^2000..] : error)}");
            }
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        using var backoff = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                // Another process installs right now.
                await backoff.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
