using System.Globalization;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Analysis;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Recommends hardware from the analysis and the Hub's hardware list (<c>GET /api/spaces/hardware</c>; the built-in
/// <see cref="HardwareCatalog.Default"/> when the Hub does not answer) and writes <c>runtime_recommendation.json</c>.
/// Parameters <c>allow_zerogpu</c> (default true), <c>allow_cpu_upgrade</c> and <c>allow_fixed_gpu</c> (default
/// false) and <c>max_hourly_price</c> (US dollars, no ceiling by default) override the defaults. When no allowed
/// hardware fits, the blocker is recorded and the run goes on: the private Space is created on CPU basic with the
/// app uploaded, and the run ends <c>manual_hardware_required</c> before validation (<see cref="StopForManualHardwareStep"/>).
/// </summary>
public sealed class RecommendRuntimeStep(RuntimeRecommender recommender, RuntimeOptions? defaults = null, HubClient? hub = null) : IPhaseStep
{
    /// <summary>The parameter capping the hourly price of requested hardware, in US dollars (e.g. <c>1.5</c>).</summary>
    public const string MaxHourlyPriceParameter = "max_hourly_price";

    /// <inheritdoc />
    public string Name => "recommend_runtime";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var analysis = context.State.Get(FactoryState.Analysis);
        var basis = defaults ?? new RuntimeOptions();
        var options = basis with
        {
            AllowZeroGpu = Flag(context, "allow_zerogpu", basis.AllowZeroGpu),
            AllowFixedGpu = Flag(context, "allow_fixed_gpu", basis.AllowFixedGpu),
            AllowCpuUpgrade = Flag(context, "allow_cpu_upgrade", basis.AllowCpuUpgrade),
            MaxHourlyPriceUsd = Price(context) ?? basis.MaxHourlyPriceUsd,
            Hardware = basis.Hardware ?? await HubHardwareAsync(context, cancellationToken).ConfigureAwait(false),
        };
        var recommendation = recommender.Recommend(analysis, options);
        context.State.Set(FactoryState.Recommendation, recommendation);
        await context.Recorder.WriteJsonArtifactAsync("runtime_recommendation.json", recommendation, StepsJsonContext.Default.RuntimeRecommendation, cancellationToken).ConfigureAwait(false);
        if (recommendation.ManualHardwareRequired)
        {
            var reason = recommendation.Reasons[^1];
            await context.Recorder.AddBlockerAsync(reason, cancellationToken).ConfigureAwait(false);
            return StepResult.Completed($"{reason}; the private Space will be created on cpu-basic with the app, for you to choose its hardware");
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

    /// <summary><c>max_hourly_price</c>: a non-negative number of US dollars, written with a dot.</summary>
    private static decimal? Price(PhaseContext context)
    {
        var text = context.GetParameter(MaxHourlyPriceParameter)?.Trim().TrimStart('$');
        if (text is null)
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) && price <= 1000
            ? price
            : throw new RecipeParameterException(MaxHourlyPriceParameter, $"The parameter '{MaxHourlyPriceParameter}' must be a price in US dollars per hour such as 0.8 or 2.50, not '{text}'.");
    }

    /// <summary>The Hub's hardware list, or <see langword="null"/> (the built-in catalog) when it cannot be read.</summary>
    private async Task<IReadOnlyList<HardwareFlavor>?> HubHardwareAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        if (hub is null)
        {
            return null;
        }

        try
        {
            var flavors = HardwareCatalog.FromHub(await hub.ListSpaceHardwareAsync(cancellationToken).ConfigureAwait(false));
            if (flavors.Count > 0)
            {
                return flavors;
            }
        }
        catch (HfException ex)
        {
            await context.Recorder.RecordEventAsync("hardware_list_unavailable", $"the Hub's hardware list could not be read ({ex.Message}); the built-in list is used", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
