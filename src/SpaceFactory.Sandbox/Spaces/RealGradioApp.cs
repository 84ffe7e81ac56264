using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Spaces;

/// <summary>
/// A Space's committed <c>app.py</c> run for real by a Python that can import <c>gradio</c>
/// (<see cref="HfSandboxOptions.GradioPython"/>): the head commit's files in a folder of their own, the app on a free
/// loopback port (<c>GRADIO_SERVER_NAME</c>/<c>GRADIO_SERVER_PORT</c>, as Spaces set them), the Space's variables and
/// secrets in its environment, its output in the Space's run log. The Space's app origin proxies to it.
/// </summary>
internal sealed class RealGradioApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private RealGradioApp(Process process, string folder, Uri origin)
    {
        _process = process;
        _folder = folder;
        Origin = origin;
    }

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:7861/</c>.</summary>
    public Uri Origin { get; }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Writes the files, starts the app and waits until <c>GET /config</c> answers 200. Throws
    /// <see cref="InvalidOperationException"/> with the output's tail when the process ends first or the time is up.
    /// </summary>
    public static async Task<RealGradioApp> StartAsync(SpaceRuntime runtime, SandboxServices services, string appFile, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(services.DataRoot, "space-apps", runtime.Repo.ObjectId + "-" + HexIds.New(6));
        await WriteFilesAsync(runtime.Repo.Head, folder, cancellationToken).ConfigureAwait(false);
        var port = FreePort();
        var start = new ProcessStartInfo(services.Options.GradioPython!)
        {
            WorkingDirectory = folder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appFile);
        SpaceProcessEnvironment.Apply(start, runtime, folder, port);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{services.Options.GradioPython} could not be started.");
        process.StandardInput.Close();
        var run = runtime.RunLog;
        var tail = new Queue<string>();
        void Log(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 20)
                {
                    tail.Dequeue();
                }
            }

            run.Append(line, services.TimeProvider.GetUtcNow());
        }

        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new RealGradioApp(process, folder, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        try
        {
            await app.WaitUntilServingAsync(services.Options.GradioStartTimeout, cancellationToken).ConfigureAwait(false);
            return app;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            string lines;
            lock (tail)
            {
                lines = string.Join('\n', tail);
            }

            throw new InvalidOperationException($"{ex.Message}\n{lines}".TrimEnd(), ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the data root is temporary.
            }
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} before it served /config.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(Origin, "config"), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow first answer: try again.
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The app did not serve /config within {timeout}.");
            }

            // Polling a child process's port: there is no event to wait on (wall clock, as the process is real).
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteFilesAsync(RepoCommit head, string folder, CancellationToken cancellationToken)
    {
        foreach (var (path, file) in head.Tree)
        {
            var target = Path.GetFullPath(Path.Combine(folder, path));
            if (!target.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue; // repo paths are validated on commit; never write outside the folder anyway
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var source = file.Open();
            await using (source.ConfigureAwait(false))
            {
                var output = File.Create(target);
                await using (output.ConfigureAwait(false))
                {
                    await source.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
