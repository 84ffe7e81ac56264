using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Agents.Policy;
using SpaceFactory.Phases.Agents.Tasks;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Recipes;

/// <summary>Phase 5 (<c>model-card</c>): model card → analysis → hardware → generated app → private Space → validated live API; with the parameter <c>agent=pi</c> the Pi coding agent adapts the app before it is deployed.</summary>
internal sealed class ModelCardRecipe() : FactoryRecipe(FactoryRecipes.ModelCard, "Phase 5: model card → analysis → hardware → generated app → private Space → validated live API.")
{
    /// <inheritdoc />
    public override IEnumerable<IPhaseStep> Steps(IServiceProvider services) =>
    [
        services.GetRequiredService<AnalyzeModelCardStep>(),
        services.GetRequiredService<RecommendRuntimeStep>(),
        services.GetRequiredService<GenerateGradioAppStep>(),
        CommonSteps.PiAgent(services, new AdaptAppTask(services.GetRequiredService<HubClient>(), services.GetRequiredService<AgentOutputPolicy>())),
        .. CommonSteps.DeployAndValidate(services),
    ];
}
