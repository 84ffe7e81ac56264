using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Analysis;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Recommends hardware from the analysis and writes <c>runtime_recommendation.json</c>. Parameters
/// <c>allow_zerogpu</c> (default true) and <c>allow_fixed_gpu</c> (default false) override the defaults.
/// When no allowed hardware fits, the run ends as <c>manual_hardware_required</c>.
/// </summary>
public sealed class RecommendRuntimeStep(RuntimeRecommender recommender, RuntimeOptions? defaults = null) : IPhaseStep
{
    /// <inheritdoc />
    public string Name => "recommend_runtime";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var analysis = context.State.Get(FactoryState.Analysis);
        var options = (defaults ?? new RuntimeOptions()) with
        {
            AllowZeroGpu = Flag(context, "allow_zerogpu", (defaults ?? new RuntimeOptions()).AllowZeroGpu),
            AllowFixedGpu = Flag(context, "allow_fixed_gpu", (defaults ?? new RuntimeOptions()).AllowFixedGpu),
        };
        var recommendation = recommender.Recommend(analysis, options);
        context.State.Set(FactoryState.Recommendation, recommendation);
        await context.Recorder.WriteJsonArtifactAsync("runtime_recommendation.json", recommendation, StepsJsonContext.Default.RuntimeRecommendation, cancellationToken).ConfigureAwait(false);
        if (recommendation.ManualHardwareRequired)
        {
            var reason = recommendation.Reasons[^1];
            await context.Recorder.AddBlockerAsync(reason, cancellationToken).ConfigureAwait(false);
            return StepResult.Failure(OutcomeCode.ManualHardwareRequired, reason);
        }

        return StepResult.Completed(string.Join("; ", recommendation.Reasons));
    }

    /// <summary>A boolean parameter (<c>true</c>/<c>false</c>/<c>1</c>/<c>0</c>/<c>yes</c>/<c>no</c>).</summary>
    internal static bool Flag(PhaseContext context, string name, bool fallback) =>
        context.GetParameter(name)?.Trim().ToLowerInvariant() switch
        {
            null => fallback,
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            var other => throw new RecipeParameterException(name, $"The parameter '{name}' must be true or false, not '{other}'."),
        };
}
