using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Recipes;

/// <summary>Phase 1 (<c>job-smoke</c>): a worker in a Job proves it received the token as a Job secret and writes its record into the Bucket.</summary>
internal sealed class JobSmokeRecipe() : FactoryRecipe(FactoryRecipes.JobSmoke, "Phase 1: the worker proves it received the token as a Job secret and writes its record.")
{
    /// <inheritdoc />
    public override IEnumerable<IPhaseStep> Steps(IServiceProvider services) =>
    [
        services.GetRequiredService<CheckTokenStep>(),
    ];
}
