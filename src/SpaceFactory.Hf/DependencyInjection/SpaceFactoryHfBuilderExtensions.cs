using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf.Agents;
using SpaceFactory.Hf.Agents.Tasks;
using SpaceFactory.Hf.Analysis;
using SpaceFactory.Hf.Generation;
using SpaceFactory.Hf.Recipes;
using SpaceFactory.Hf.Steps;

namespace SpaceFactory.Hf;

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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFailureClassifier, HfFailureClassifier>());
        services.TryAddTransient(sp => new RecommendRuntimeStep(sp.GetRequiredService<RuntimeRecommender>(), sp.GetRequiredService<RuntimeOptions>()));
        services.TryAddTransient<AnalyzeModelCardStep>();
        services.TryAddTransient<GenerateGradioAppStep>();
        services.TryAddTransient<GenerateSmokeAppStep>();
        services.TryAddTransient<EnsureTargetAbsentStep>();
        services.TryAddTransient(sp => new CreatePrivateSpaceStep(sp.GetRequiredService<Hub.HubClient>(), retry: sp.GetRequiredService<StepRetryOptions>()));
        services.TryAddTransient(sp => new UploadSpaceFilesStep(sp.GetRequiredService<Hub.HubClient>(), sp.GetRequiredService<StepRetryOptions>()));
        services.TryAddTransient(sp => new WaitForSpaceRunningStep(sp.GetRequiredService<Hub.HubClient>(), sp.GetRequiredService<SpaceWaitOptions>()));
        services.TryAddTransient<WriteTargetSpaceStep>();
        services.TryAddTransient<CheckTokenStep>();
        services.TryAddTransient(sp => new ValidateLiveApiStep(sp.GetRequiredService<Gradio.IGradioClientFactory>(), sp.GetRequiredService<StepRetryOptions>()));
        services.TryAddTransient<ValidateExistingSpaceStep>();
        services.TryAddSingleton(new PiAgentOptions());
        services.TryAddSingleton(sp => new PiInstaller(sp.GetRequiredService<PiAgentOptions>(), sp.GetService<Microsoft.Extensions.Logging.ILogger<PiInstaller>>()));

        services.AddRecipe(FactoryRecipes.JobSmoke, (recipe, sp) => recipe
            .Describe("Phase 1: the worker proves it received the token as a Job secret and writes its record.")
            .Add(sp.GetRequiredService<CheckTokenStep>()));
        services.AddRecipe(FactoryRecipes.PrivateSpace, (recipe, sp) => recipe
            .Describe("Phase 2.1: the smoke app as a private Space, deployed and validated through its live API.")
            .Add(sp.GetRequiredService<GenerateSmokeAppStep>())
            .AddRange(DeployAndValidate(sp)));
        services.AddRecipe(FactoryRecipes.ModelCard, (recipe, sp) => recipe
            .Describe("Phase 5: model card → analysis → hardware → generated app → private Space → validated live API.")
            .Add(sp.GetRequiredService<AnalyzeModelCardStep>())
            .Add(sp.GetRequiredService<RecommendRuntimeStep>())
            .Add(sp.GetRequiredService<GenerateGradioAppStep>())
            .Add(PiStep(sp, new AdaptAppTask(sp.GetRequiredService<Hub.HubClient>())))
            .AddRange(DeployAndValidate(sp)));
        services.AddRecipe(FactoryRecipes.PiEdit, (recipe, sp) => recipe
            .Describe("Phase 3: the smoke app, one named safe edit by the Pi coding agent (checked by the wrapper), deployed and validated with the edited behaviour.")
            .Add(sp.GetRequiredService<GenerateSmokeAppStep>())
            .Add(PiStep(sp, new SafeEditTask()))
            .AddRange(DeployAndValidate(sp)));
        services.AddRecipe(FactoryRecipes.PiRecipe, (recipe, sp) => recipe
            .Describe("Phase 4: the Pi coding agent creates the private Space and uploads the app with the Hub CLI; the wrapper verifies privacy and files, then validates the live API.")
            .Add(sp.GetRequiredService<GenerateSmokeAppStep>())
            .Add(sp.GetRequiredService<EnsureTargetAbsentStep>())
            .Add(PiStep(sp, new DeployTask(sp.GetRequiredService<Hub.HubClient>())))
            .Add(sp.GetRequiredService<WaitForSpaceRunningStep>())
            .Add(sp.GetRequiredService<WriteTargetSpaceStep>())
            .Add(sp.GetRequiredService<ValidateLiveApiStep>()));
        services.AddRecipe(FactoryRecipes.ValidateSpace, (recipe, sp) => recipe
            .Describe("Wait for an existing Space and call its endpoint N times: output type, p50/p95 latency, the returned value.")
            .Add(sp.GetRequiredService<ValidateExistingSpaceStep>()));
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

    private static PiAgentStep PiStep(IServiceProvider services, IPiAgentTask task) =>
        new(task, services.GetRequiredService<PiInstaller>(), services.GetRequiredService<PiAgentOptions>());

    /// <summary>The steps every deploying recipe ends with: never overwrite, create private, one commit, wait, record the target, validate the live API.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The steps, in order.</returns>
    public static IEnumerable<IPhaseStep> DeployAndValidate(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        yield return services.GetRequiredService<EnsureTargetAbsentStep>();
        yield return services.GetRequiredService<CreatePrivateSpaceStep>();
        yield return services.GetRequiredService<UploadSpaceFilesStep>();
        yield return services.GetRequiredService<WaitForSpaceRunningStep>();
        yield return services.GetRequiredService<WriteTargetSpaceStep>();
        yield return services.GetRequiredService<ValidateLiveApiStep>();
    }
}
