using System.Diagnostics;
using System.Runtime.CompilerServices;
using SpaceFactory.Sandbox;
using SpaceFactory.Scenarios.Servers;
using SpaceFactory.Scenarios.Workloads;

namespace SpaceFactory.Scenarios;

/// <summary>
/// <c>serve p0|p2|p4|hub</c>: one workload's server alone, so that other clients (the official Python ones, curl…) can
/// be measured against the very server the runner uses, side by side with <c>--url</c>. Prints <c>URL …</c> and keeps
/// the server up until stdin closes or the process is stopped.
/// </summary>
internal static class ScenarioServer
{
    public static async Task<int> ServeAsync(string server, ScenarioOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var received = new StrongBox<long>();
        HfSandbox? sandbox = null;
        LocalServer? local = null;
        try
        {
            switch (server)
            {
                case "P0":
                    // Each request's arrival on the monotonic clock (as Stopwatch/CLOCK_MONOTONIC, in ns), for a harness that started the client.
                    local = await CliStartWorkload.StartServerAsync(
                        context => output.WriteLine($"REQUEST {Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency):0} {context.Request.Method} {context.Request.Path}"),
                        cancellationToken).ConfigureAwait(false);
                    break;
                case "P2":
                    local = await JobLogStreamWorkload.StartServerAsync(options.P2Lines, cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync($"STREAM GET {local.Endpoint}api/jobs/bench/687fb701029421ae5549d998/logs ({options.P2Lines} lines)").ConfigureAwait(false);
                    break;
                case "P4":
                    local = await LfsCommitWorkload.StartServerAsync(received, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    sandbox = await HfSandbox.StartAsync(
                        new HfSandboxOptions { BuildDelay = options.P5StageDelay, StartDelay = options.P5StageDelay, CompileCheck = false, SeedModels = false },
                        cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync($"HF_TOKEN {sandbox.DefaultToken}").ConfigureAwait(false);
                    break;
            }

            await output.WriteLineAsync($"URL {local?.Endpoint ?? sandbox!.Endpoint}").ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);

            // Until stdin ends (the harness closed it) or Ctrl+C / cancellation.
            var stdinClosed = Task.Run(() => Console.In.ReadToEnd(), CancellationToken.None);
            await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token)).ConfigureAwait(false);
            if (server == "P4")
            {
                await output.WriteLineAsync($"RECEIVED {received.Value} bytes").ConfigureAwait(false);
            }

            return 0;
        }
        finally
        {
            if (local is not null)
            {
                await local.DisposeAsync().ConfigureAwait(false);
            }

            if (sandbox is not null)
            {
                await sandbox.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
