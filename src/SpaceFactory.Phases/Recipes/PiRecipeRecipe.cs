using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Agents.Tasks;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Recipes;

/// <summary>Phase 4 (<c>pi-recipe</c>): the Pi coding agent creates the private Space and uploads the app with the Hub CLI; the wrapper verifies privacy and files, then validates the live API itself.</summary>
internal sealed class PiRecipeRecipe() : FactoryRecipe(FactoryRecipes.PiRecipe, "Phase 4: the Pi coding agent creates the private Space and uploads the app with the Hub CLI; the wrapper verifies privacy and files, then validates the live API.")
{
    /// <inheritdoc />
    public override IEnumerable<IPhaseStep> Steps(IServiceProvider services) =>
    [
        services.GetRequiredService<GenerateSmokeAppStep>(),
        services.GetRequiredService<EnsureTargetAbsentStep>(),
        CommonSteps.PiAgent(services, new DeployTask(services.GetRequiredService<HubClient>())),
        services.GetRequiredService<WaitForSpaceRunningStep>(),
        services.GetRequiredService<WriteTargetSpaceStep>(),
        CommonSteps.ValidateLiveApi(services),
    ];
}
