using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// The live validation, keeping the Space's build and run logs under <c>logs/</c> when it fails (a wrong answer, an
/// app that errors, an endpoint that is missing), as a failed build already does: the logs usually say why.
/// </summary>
/// <param name="inner">The validation step (<c>validate_live_api</c>), whose name and behaviour it keeps.</param>
/// <param name="hub">The Hub the Space lives on.</param>
/// <param name="options">The log bounds.</param>
internal sealed class KeepSpaceLogsOnFailureStep(IPhaseStep inner, HubClient hub, SpaceWaitOptions options) : IPhaseStep
{
    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public bool IsSafeToRerun => inner.IsSafeToRerun;

    /// <inheritdoc />
    public TimeSpan? Timeout => inner.Timeout + options.LogReadTimeout * 2;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        StepResult result;
        try
        {
            result = await inner.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await SaveAsync(context, cancellationToken).ConfigureAwait(false);
            throw;
        }

        if (result.Kind != StepResultKind.Failed || result.Outcome is not { } outcome || !await SaveAsync(context, cancellationToken).ConfigureAwait(false))
        {
            return result;
        }

        return StepResult.Failure(outcome.Code, $"{outcome.Reason}; the Space's logs are in {SpaceLogRecorder.PathOf(SpaceLogKind.Build)} and {SpaceLogRecorder.PathOf(SpaceLogKind.Run)}");
    }

    private async Task<bool> SaveAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || !context.State.TryGet(FactoryState.Target, out var target))
        {
            return false;
        }

        await SpaceLogRecorder.SaveAsync(hub, options, context, target.RepoId, SpaceLogKind.Build, cancellationToken).ConfigureAwait(false);
        await SpaceLogRecorder.SaveAsync(hub, options, context, target.RepoId, SpaceLogKind.Run, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
