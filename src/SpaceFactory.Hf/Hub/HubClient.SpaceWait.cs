namespace SpaceFactory.Hf.Hub;

public partial class HubClient
{
    /// <summary>
    /// Waits until a Space serves, following it with <see cref="WatchSpaceRuntimeAsync"/> and acting on each stage by
    /// its <see cref="SpaceStage.Kind"/>: <see cref="SpaceStageKind.Running"/> ends the wait; a
    /// <see cref="SpaceStageKind.Transitional"/> stage is waited on; a sleeping Space is restarted (up to
    /// <see cref="SpaceRunningWaitOptions.MaxWakes"/> times) and watched afresh after a pause, so that one still asleep
    /// is seen; a <see cref="SpaceStageKind.Fatal"/> stage ends the wait at once. The one wait of the clients and the
    /// factory: connecting a Gradio client by Space id and the factory's wait step both use it.
    /// </summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="options">Timeout, wakes, watch settings and observers; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The last runtime and how the wait ended; never throws for a stage.</returns>
    /// <exception cref="HfNotFoundException">No such Space.</exception>
    public virtual async Task<SpaceWaitResult> WaitForSpaceRunningAsync(
        RepoId repoId,
        SpaceRunningWaitOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new SpaceRunningWaitOptions();
        using var limit = new CancellationTokenSource(options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        SpaceRuntime? last = null;
        var wakes = 0;
        try
        {
            while (true)
            {
                await foreach (var runtime in WatchSpaceRuntimeAsync(repoId, options.Watch, linked.Token).ConfigureAwait(false))
                {
                    last = runtime;
                    if (options.OnStage is { } onStage)
                    {
                        await onStage(runtime, linked.Token).ConfigureAwait(false);
                    }

                    var kind = runtime.Stage.Kind;
                    if (kind == SpaceStageKind.Transitional)
                    {
                        continue;
                    }

                    if (kind != SpaceStageKind.NeedsWake || wakes >= options.MaxWakes)
                    {
                        return new SpaceWaitResult(runtime, TimedOut: false, wakes);
                    }

                    await RestartSpaceAsync(repoId, cancellationToken: linked.Token).ConfigureAwait(false);
                    wakes++;
                    if (options.OnWake is { } onWake)
                    {
                        await onWake(runtime, linked.Token).ConfigureAwait(false);
                    }

                    break;
                }

                // After a restart: watch afresh (a new watch reports the current stage, even SLEEPING again) after a pause.
                await Task.Delay(options.Watch.PollInterval, _timeProvider, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new SpaceWaitResult(last, TimedOut: true, wakes);
        }
    }
}
