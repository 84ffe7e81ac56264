using System.Text;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Waits until the target Space runs: follows the Hub's status stream, or polls with back-off on the run's clock. <c>BUILD_ERROR</c> and <c>RUNTIME_ERROR</c>
/// end the run as <c>build_error</c>/<c>runtime_error</c> with the build or run logs saved under <c>logs/</c>.
/// </summary>
public sealed class WaitForSpaceRunningStep(HubClient hub, SpaceWaitOptions? options = null) : IPhaseStep
{
    private readonly SpaceWaitOptions _options = options ?? new SpaceWaitOptions();

    /// <inheritdoc />
    public string Name => "wait_for_space_running";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public TimeSpan? Timeout => _options.Timeout + TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.State.Get(FactoryState.Target);
        var clock = context.TimeProvider;
        var started = clock.GetTimestamp();
        var watch = new SpaceWatchOptions { PollInterval = _options.InitialDelay, MaxPollInterval = _options.MaxDelay };
        using var limit = new CancellationTokenSource(_options.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        SpaceStage? last = null;
        try
        {
            // The Hub's status stream where it offers one (changes seen at once, one open request), else adaptive polling.
            await foreach (var runtime in hub.WatchSpaceRuntimeAsync(target.RepoId, watch, linked.Token).ConfigureAwait(false))
            {
                last = runtime.Stage;
                await context.Recorder.RecordEventAsync("space_stage", $"{target.RepoId} is {runtime.Stage}", cancellationToken: cancellationToken).ConfigureAwait(false);
                if (runtime.Stage.IsRunning)
                {
                    context.State.Set(FactoryState.Target, target with { HardwareGranted = runtime.Hardware?.Current ?? target.HardwareGranted });
                    return StepResult.Completed($"{target.RepoId} is RUNNING after {clock.GetElapsedTime(started).TotalSeconds:0.#} s");
                }

                if (runtime.Stage == SpaceStage.BuildError || runtime.Stage == SpaceStage.ConfigError || runtime.Stage == SpaceStage.NoAppFile)
                {
                    await SaveLogsAsync(context, target.RepoId, SpaceLogKind.Build, cancellationToken).ConfigureAwait(false);
                    return StepResult.Failure(OutcomeCode.BuildError, $"{target.RepoId} failed to build ({runtime.Stage}): {runtime.ErrorMessage ?? "no message"}; see logs/build.log");
                }

                if (runtime.Stage == SpaceStage.RuntimeError)
                {
                    await SaveLogsAsync(context, target.RepoId, SpaceLogKind.Run, cancellationToken).ConfigureAwait(false);
                    return StepResult.Failure(OutcomeCode.RuntimeError, $"{target.RepoId} failed at start-up (RUNTIME_ERROR): {runtime.ErrorMessage ?? "no message"}; see logs/run.log");
                }

                if (runtime.Stage == SpaceStage.Sleeping)
                {
                    await hub.RestartSpaceAsync(target.RepoId, cancellationToken: cancellationToken).ConfigureAwait(false);
                    await context.Recorder.RecordEventAsync("space_restarted", $"{target.RepoId} was sleeping; restart requested", cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else if (!runtime.Stage.IsTransitional)
                {
                    return StepResult.Failure(OutcomeCode.RuntimeError, $"{target.RepoId} stopped in stage {runtime.Stage} while the factory waited for it to run");
                }
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The watch below ends only by the timeout.
        }

        return StepResult.Failure(OutcomeCode.RuntimeError, $"{target.RepoId} was still {last?.ToString() ?? "not reporting a stage"} after {_options.Timeout}");
    }

    private async Task SaveLogsAsync(PhaseContext context, RepoId space, SpaceLogKind kind, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        using var limit = new CancellationTokenSource(_options.LogReadTimeout, context.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var lines = 0;
        try
        {
            await foreach (var line in hub.StreamSpaceLogsAsync(space, kind, linked.Token).ConfigureAwait(false))
            {
                text.Append(line.Timestamp?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Append(' ').Append(line.Data.TrimEnd('\n')).Append('\n');
                if (++lines >= _options.MaxLogLines)
                {
                    text.Append("[log cut at ").Append(_options.MaxLogLines).Append(" lines]\n");
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            text.Append("[log reading stopped after ").Append(_options.LogReadTimeout).Append("]\n");
        }
        catch (Exception ex) when (ex is HfApiException or HttpRequestException or IOException or HfStreamIdleException)
        {
            text.Append("[the logs could not be read: ").Append(ex.GetType().Name).Append(": ").Append(ex.Message).Append("]\n");
        }

        var name = kind == SpaceLogKind.Build ? "build" : "run";
        await context.Recorder.WriteArtifactAsync($"logs/{name}.log", text.ToString(), CancellationToken.None).ConfigureAwait(false);
    }
}
