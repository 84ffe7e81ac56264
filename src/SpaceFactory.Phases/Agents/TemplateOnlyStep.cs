using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Agents.Tasks;

namespace SpaceFactory.Phases.Agents;

/// <summary>A step that serves only template runs: skipped when the agent builds the app (<see cref="AgentBuildMode"/>).</summary>
/// <param name="inner">The step, e.g. <c>generate_gradio_app</c>.</param>
internal sealed class TemplateOnlyStep(IPhaseStep inner) : IPhaseStep
{
    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public bool IsSafeToRerun => inner.IsSafeToRerun;

    /// <inheritdoc />
    public Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AgentBuildMode.IsOn(context)
            ? Task.FromResult(StepResult.Skipped("no template serves the model: the coding agent builds the app (pi_build_app)"))
            : inner.ExecuteAsync(context, cancellationToken);
    }
}
