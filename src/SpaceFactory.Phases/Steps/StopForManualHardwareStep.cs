using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Ends the run <c>manual_hardware_required</c> once the private Space holds the app, when no allowed hardware fits
/// the model (the recommendation) or the Hub refused every flavor asked for: the Space stays on CPU basic, unvalidated,
/// so that the user can choose its hardware in the Space settings and then run <c>validate-space</c>. Writes
/// <c>target_space.json</c> and links the settings page. Otherwise it does nothing.
/// </summary>
public sealed class StopForManualHardwareStep : IPhaseStep
{
    /// <inheritdoc />
    public string Name => "stop_for_manual_hardware";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.State.Get(FactoryState.Target);
        var why = context.State.TryGet(FactoryState.Recommendation, out var recommendation) && recommendation.ManualHardwareRequired
            ? recommendation.Reasons[^1]
            : target.HardwareRequested.Count > 0 && target.HardwareGranted is null
                ? "every hardware request was refused: " + string.Join("; ", target.HardwareRequested.Select(a => $"{a.Flavor}: {a.Reason}"))
                : null;
        if (why is null)
        {
            return StepResult.Skipped("the Space has the hardware it needs");
        }

        var settings = target.Url + "/settings";
        var record = target with { HardwareGranted = target.HardwareGranted ?? "cpu-basic" };
        context.State.Set(FactoryState.Target, record);
        await context.Recorder.WriteJsonArtifactAsync("target_space.json", record, StepsJsonContext.Default.TargetSpaceRecord, cancellationToken).ConfigureAwait(false);
        await context.Recorder.SetLinkAsync("settings", settings, cancellationToken).ConfigureAwait(false);
        var next = $"the private Space {target.RepoId} holds the app on cpu-basic and was not validated: choose its hardware at {settings}, " +
                   $"then validate it with `spacefactory validate {target.RepoId}` (the validate-space recipe, parameter space={target.RepoId})";
        await context.Recorder.AddBlockerAsync(next, cancellationToken).ConfigureAwait(false);
        return StepResult.Failure(OutcomeCode.ManualHardwareRequired, $"{why}. {char.ToUpperInvariant(next[0])}{next[1..]}");
    }
}
