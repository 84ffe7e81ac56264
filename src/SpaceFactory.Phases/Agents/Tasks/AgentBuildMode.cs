using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Agents.Tasks;

/// <summary>
/// Whether a model-card run is in the agent's build mode: the run asked for the agent (<c>agent=pi</c>) and the
/// analysis found no template for the model, without a blocker (a gated or unreadable model stays <c>blocked</c>).
/// </summary>
internal static class AgentBuildMode
{
    /// <summary>The parameter that turns the agent on.</summary>
    public const string AgentParameter = "agent";

    /// <summary>Whether the run asked for the Pi agent (<c>pi</c>); absent, empty or <c>none</c> means no.</summary>
    /// <exception cref="RecipeParameterException">Another agent was named.</exception>
    public static bool AgentRequested(PhaseContext context) => context.GetParameter(AgentParameter) switch
    {
        null or "" or "none" => false,
        "pi" => true,
        var other => throw new RecipeParameterException(AgentParameter, $"Unknown agent '{other}'; use 'pi' or leave it out."),
    };

    /// <summary>Whether the agent builds this run's app (instead of a template).</summary>
    public static bool IsOn(PhaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AgentRequested(context) && context.State.TryGet(FactoryState.Analysis, out var analysis) && !analysis.Supported && analysis.Blocker is null;
    }
}
