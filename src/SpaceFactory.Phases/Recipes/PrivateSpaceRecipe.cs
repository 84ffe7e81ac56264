using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Recipes;

/// <summary>Phase 2.1 (<c>private-space</c>): the tiny smoke app as a private Space, deployed and validated through its live API.</summary>
internal sealed class PrivateSpaceRecipe() : FactoryRecipe(FactoryRecipes.PrivateSpace, "Phase 2.1: the smoke app as a private Space, deployed and validated through its live API.")
{
    /// <inheritdoc />
    public override IEnumerable<IPhaseStep> Steps(IServiceProvider services) =>
    [
        services.GetRequiredService<GenerateSmokeAppStep>(),
        .. CommonSteps.DeployAndValidate(services),
    ];
}
