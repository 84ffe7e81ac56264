using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Agents.Policy;
using SpaceFactory.Phases.Agents.Tasks;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Recipes;

/// <summary>Phase 3 (<c>pi-edit</c>): the smoke app, one named safe edit by the Pi coding agent checked by the wrapper, then deployed and validated with the edited behaviour.</summary>
internal sealed class PiEditRecipe() : FactoryRecipe(FactoryRecipes.PiEdit, "Phase 3: the smoke app, one named safe edit by the Pi coding agent (checked by the wrapper), deployed and validated with the edited behaviour.")
{
    /// <inheritdoc />
    public override IEnumerable<IPhaseStep> Steps(IServiceProvider services) =>
    [
        services.GetRequiredService<GenerateSmokeAppStep>(),
        CommonSteps.PiAgent(services, new SafeEditTask(services.GetRequiredService<AgentOutputPolicy>())),
        .. CommonSteps.DeployAndValidate(services),
    ];
}
