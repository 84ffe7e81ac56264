using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Recipes;

/// <summary>The seed's second workflow (<c>validate-space</c>): wait for an existing Space and call its endpoint N times.</summary>
internal sealed class ValidateSpaceRecipe() : FactoryRecipe(FactoryRecipes.ValidateSpace, "Wait for an existing Space and call its endpoint N times: output type, p50/p95 latency, the returned value.")
{
    /// <inheritdoc />
    public override IEnumerable<IPhaseStep> Steps(IServiceProvider services) =>
    [
        services.GetRequiredService<ValidateExistingSpaceStep>(),
    ];
}
