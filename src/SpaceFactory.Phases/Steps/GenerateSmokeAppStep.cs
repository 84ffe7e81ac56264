using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Steps;

/// <summary>Generates the tiny smoke app of Phase 2.1 (<c>/echo</c> + <c>/health</c>, no model); parameter <c>title</c>.</summary>
public sealed class GenerateSmokeAppStep(GradioAppGenerator generator) : IPhaseStep
{
    /// <inheritdoc />
    public string Name => "generate_smoke_app";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var app = generator.GenerateSmokeApp(context.GetParameter("title") ?? "SpaceFactory smoke test");
        await GenerateGradioAppStep.RecordAsync(context, app, cancellationToken).ConfigureAwait(false);
        return StepResult.Completed("smoke app with endpoint /echo");
    }
}
