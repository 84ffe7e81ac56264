using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Agents;
using SpaceFactory.Phases.Agents.Policy;
using SpaceFactory.Phases.Agents.Tasks;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Recipes;

/// <summary>
/// Phase 5 (<c>model-card</c>): model card → analysis → hardware → generated app → private Space → validated live API.
/// With the parameter <c>agent=pi</c> the Pi coding agent adapts the template's app before it is deployed, or, for a
/// model no template covers, builds the app from the card (<c>pi_build_app</c>) for the same checks and validation.
/// </summary>
internal sealed class ModelCardRecipe() : FactoryRecipe(FactoryRecipes.ModelCard, "Phase 5: model card → analysis → hardware → generated app → private Space → validated live API.")
{
    /// <inheritdoc />
    public override IEnumerable<IPhaseStep> Steps(IServiceProvider services)
    {
        var hub = services.GetRequiredService<HubClient>();
        var policy = services.GetRequiredService<AgentOutputPolicy>();
        return
        [
            new AnalysisWithAgentBuildStep(services.GetRequiredService<AnalyzeModelCardStep>()),
            services.GetRequiredService<RecommendRuntimeStep>(),
            new TemplateOnlyStep(services.GetRequiredService<GenerateGradioAppStep>()),
            CommonSteps.PiAgent(services, new AdaptAppTask(hub, policy)),
            CommonSteps.PiAgent(services, new BuildAppTask(hub, policy)),
            .. CommonSteps.DeployAndValidate(services),
        ];
    }
}
