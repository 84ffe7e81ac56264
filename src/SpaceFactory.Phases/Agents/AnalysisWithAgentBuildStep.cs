using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Agents.Tasks;

namespace SpaceFactory.Phases.Agents;

/// <summary>
/// The model-card analysis with the agent's build route: a model no template covers ends <c>unsupported_model</c>
/// (saying that <c>-p agent=pi</c> can build it), unless the run asked for the agent, whose <c>pi_build_app</c> then
/// writes the app. Blocked models (gated, unreadable) stay blocked either way. The step keeps the analysis' name.
/// </summary>
/// <param name="analysis">The analysis step.</param>
internal sealed class AnalysisWithAgentBuildStep(IPhaseStep analysis) : IPhaseStep
{
    /// <inheritdoc />
    public string Name => analysis.Name;

    /// <inheritdoc />
    public bool IsSafeToRerun => analysis.IsSafeToRerun;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await analysis.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
        if (result.Outcome is not { } outcome || outcome.Code != OutcomeCode.UnsupportedModel)
        {
            return result;
        }

        if (!AgentBuildMode.IsOn(context))
        {
            return StepResult.Failure(OutcomeCode.UnsupportedModel, $"{outcome.Reason}. No template covers it; with -p {AgentBuildMode.AgentParameter}=pi the Pi coding agent can try to build an app for it");
        }

        await context.Recorder.RecordEventAsync("agent_build_requested", $"{outcome.Reason}; the coding agent builds the app (agent=pi)", cancellationToken: cancellationToken).ConfigureAwait(false);
        return StepResult.Completed($"{outcome.Reason}; no template: the coding agent builds the app (agent=pi)");
    }
}
