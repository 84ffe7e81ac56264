using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Waits until the target Space runs with <see cref="HubClient.WaitForSpaceRunningAsync"/> (the Hub's status stream, or
/// polling with back-off, on the run's clock). <c>BUILD_ERROR</c> and <c>RUNTIME_ERROR</c>
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

        // The clients' one wait: the Hub's status stream where it offers one (changes seen at once, one open request),
        // else adaptive polling; a sleeping Space is restarted once; a fatal stage ends it.
        var wait = await hub.WaitForSpaceRunningAsync(target.RepoId, new SpaceRunningWaitOptions
        {
            Watch = new SpaceWatchOptions { PollInterval = _options.InitialDelay, MaxPollInterval = _options.MaxDelay },
            Timeout = _options.Timeout,
            OnStage = (runtime, _) => new ValueTask(context.Recorder.RecordEventAsync("space_stage", $"{target.RepoId} is {runtime.Stage}", cancellationToken: cancellationToken)),
            OnWake = (_, _) => new ValueTask(context.Recorder.RecordEventAsync("space_restarted", $"{target.RepoId} was sleeping; restart requested", cancellationToken: cancellationToken)),
        }, cancellationToken).ConfigureAwait(false);

        var runtime = wait.Runtime;
        if (wait.IsRunning)
        {
            context.State.Set(FactoryState.Target, target with { HardwareGranted = runtime!.Hardware?.Current ?? target.HardwareGranted });
            return StepResult.Completed($"{target.RepoId} is RUNNING after {clock.GetElapsedTime(started).TotalSeconds:0.#} s");
        }

        if (wait.TimedOut || runtime is null)
        {
            return StepResult.Failure(OutcomeCode.RuntimeError, $"{target.RepoId} was still {runtime?.Stage.ToString() ?? "not reporting a stage"} after {_options.Timeout}");
        }

        var stage = runtime.Stage;
        if (stage == SpaceStage.BuildError || stage == SpaceStage.ConfigError || stage == SpaceStage.NoAppFile)
        {
            await SaveLogsAsync(context, target.RepoId, SpaceLogKind.Build, cancellationToken).ConfigureAwait(false);
            return StepResult.Failure(OutcomeCode.BuildError, $"{target.RepoId} failed to build ({stage}): {runtime.ErrorMessage ?? "no message"}; see logs/build.log");
        }

        if (stage == SpaceStage.RuntimeError)
        {
            await SaveLogsAsync(context, target.RepoId, SpaceLogKind.Run, cancellationToken).ConfigureAwait(false);
            return StepResult.Failure(OutcomeCode.RuntimeError, $"{target.RepoId} failed at start-up (RUNTIME_ERROR): {runtime.ErrorMessage ?? "no message"}; see logs/run.log");
        }

        return stage.Kind == SpaceStageKind.NeedsWake
            ? StepResult.Failure(OutcomeCode.RuntimeError, $"{target.RepoId} was still {stage} after a restart was requested")
            : StepResult.Failure(OutcomeCode.RuntimeError, $"{target.RepoId} stopped in stage {stage} while the factory waited for it to run");
    }

    private Task SaveLogsAsync(PhaseContext context, RepoId space, SpaceLogKind kind, CancellationToken cancellationToken) =>
        SpaceLogRecorder.SaveAsync(hub, _options, context, space, kind, cancellationToken);
}
