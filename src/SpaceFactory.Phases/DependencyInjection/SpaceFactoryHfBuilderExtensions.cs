using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Agents;
using SpaceFactory.Phases.Agents.Policy;
using SpaceFactory.Phases.Analysis;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Recipes;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases;

/// <summary>Adds the factory itself: the HF phase steps and the recipes made of them, over the pipeline of SpaceFactory.Core.</summary>
public static class SpaceFactoryHfBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ISpaceFactory"/> with run records under <paramref name="recordRoot"/> and the recipes
    /// <c>job-smoke</c>, <c>private-space</c>, <c>model-card</c> (parameter <c>agent=pi</c> lets the Pi coding agent adapt the app), <c>pi-edit</c>, <c>pi-recipe</c> and <c>validate-space</c>. Hosts compose their own
    /// recipes from the same steps with <c>services.AddRecipe(...)</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddHuggingFace</c>.</param>
    /// <param name="recordRoot">The folder for run records (holds <c>runs/</c>).</param>
    /// <param name="configure">Pipeline settings.</param>
    /// <returns>The builder.</returns>
    public static IHfBuilder AddSpaceFactory(this IHfBuilder builder, string recordRoot, Action<SpaceFactoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSpaceFactoryCore(recordRoot, configure);
        services.TryAddSingleton(new GradioAppGenerator());
        services.TryAddSingleton<ModelCardAnalyzer>();
        services.TryAddSingleton<RuntimeRecommender>();
        services.TryAddSingleton<SpaceTargets>();
        services.TryAddSingleton(new SpaceWaitOptions());
        services.TryAddSingleton(new RuntimeOptions());
        services.TryAddSingleton(new StepRetryOptions());
        services.TryAddSingleton(Monitoring.MonitorHistory.InFolder(recordRoot));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFailureClassifier, HfFailureClassifier>());
        services.TryAddTransient(sp => new RecommendRuntimeStep(sp.GetRequiredService<RuntimeRecommender>(), sp.GetRequiredService<RuntimeOptions>(), sp.GetRequiredService<HubClient>()));
        services.TryAddTransient<AnalyzeModelCardStep>();
        services.TryAddTransient<GenerateGradioAppStep>();
        services.TryAddTransient<GenerateSmokeAppStep>();
        services.TryAddTransient<EnsureTargetAbsentStep>();
        services.TryAddTransient(sp => new CreatePrivateSpaceStep(sp.GetRequiredService<HubClient>(), retry: sp.GetRequiredService<StepRetryOptions>()));
        services.TryAddTransient(sp => new UploadSpaceFilesStep(sp.GetRequiredService<HubClient>(), sp.GetRequiredService<StepRetryOptions>()));
        services.TryAddTransient(sp => new WaitForSpaceRunningStep(sp.GetRequiredService<HubClient>(), sp.GetRequiredService<SpaceWaitOptions>()));
        services.TryAddTransient<WriteTargetSpaceStep>();
        services.TryAddTransient<StopForManualHardwareStep>();
        services.TryAddTransient<CheckTokenStep>();
        services.TryAddTransient(sp => new ValidateLiveApiStep(sp.GetRequiredService<IGradioClientFactory>(), sp.GetRequiredService<StepRetryOptions>()));
        services.TryAddTransient<ValidateExistingSpaceStep>();
        services.TryAddSingleton(new PiAgentOptions());
        services.TryAddSingleton(sp =>
        {
            // The configured Hub (the Sandbox, a mirror) is as much the Hub as the public one.
            var policy = new AgentPolicyOptions();
            policy.AllowedHosts.Add(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<HfClientOptions>>().Value.ResolveEndpoint().Host);
            return policy;
        });
        services.TryAddSingleton(sp => new AgentOutputPolicy(sp.GetRequiredService<AgentPolicyOptions>()));
        services.TryAddSingleton(sp => new PiInstaller(sp.GetRequiredService<PiAgentOptions>(), sp.GetService<Microsoft.Extensions.Logging.ILogger<PiInstaller>>()));

        services.AddRecipe(new JobSmokeRecipe());
        services.AddRecipe(new PrivateSpaceRecipe());
        services.AddRecipe(new ModelCardRecipe());
        services.AddRecipe(new PiEditRecipe());
        services.AddRecipe(new PiRecipeRecipe());
        services.AddRecipe(new ValidateSpaceRecipe());
        return builder;
    }

    /// <summary>Replaces the Pi coding agent's settings (model, provider URL, install, limits, the agent's <c>hf</c> command).</summary>
    /// <param name="builder">The builder returned by <c>AddHuggingFace</c>.</param>
    /// <param name="configure">Changes to the defaults.</param>
    /// <returns>The builder.</returns>
    public static IHfBuilder ConfigurePiAgent(this IHfBuilder builder, Action<PiAgentOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PiAgentOptions();
        configure(options);
        builder.Services.RemoveAll<PiAgentOptions>();
        builder.Services.AddSingleton(options);
        return builder;
    }

    /// <summary>Adds <paramref name="recipe"/> to the recipe catalog; a name may be registered once.</summary>
    /// <param name="services">The services.</param>
    /// <param name="recipe">The recipe.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRecipe(this IServiceCollection services, FactoryRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return services.AddRecipe(recipe.Name, (builder, sp) => builder.Describe(recipe.Description).AddRange(recipe.Steps(sp)));
    }
}
