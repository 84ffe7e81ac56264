using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Buckets;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Phases.Execution;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases;

/// <summary>Adds running in a Hugging Face Job: one registration for the executor, its options and where its records are read.</summary>
public static class HfJobExecutorHfBuilderExtensions
{
    /// <summary>
    /// Runs the factory's recipes in Jobs: registers <see cref="HfJobExecutor"/> as the <see cref="IRunExecutor"/>, so
    /// <see cref="ISpaceFactory.Runs"/> reads the records from the run Bucket where the workers write them. The options
    /// start from the <c>SPACE_FACTORY_*</c> environment variables, then <paramref name="configure"/> changes them; they
    /// are checked at start (<see cref="HfJobExecutorOptionsValidator"/>). Call it with <c>AddSpaceFactory</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddHuggingFace</c>.</param>
    /// <param name="configure">Changes to the options, e.g. the image or the Bucket.</param>
    /// <returns>The builder.</returns>
    public static IHfBuilder AddHfJobExecutor(this IHfBuilder builder, Action<HfJobExecutorOptions>? configure = null) =>
        builder.AddHfJobExecutor(options => options.ReadEnvironment(), configure);

    /// <summary>
    /// Like <see cref="AddHfJobExecutor(IHfBuilder, Action{HfJobExecutorOptions}?)"/>, with the options read from the
    /// <c>SPACE_FACTORY_*</c> keys of <paramref name="configuration"/> (environment variables, command line, settings
    /// files) instead of the process environment.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddHuggingFace</c>.</param>
    /// <param name="configuration">The configuration holding <c>SPACE_FACTORY_BUCKET_SOURCE</c>, <c>SPACE_FACTORY_JOB_IMAGE</c>, ….</param>
    /// <param name="configure">Changes applied after the configuration.</param>
    /// <returns>The builder.</returns>
    public static IHfBuilder AddHfJobExecutor(this IHfBuilder builder, IConfiguration configuration, Action<HfJobExecutorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.AddHfJobExecutor(options => options.Read(configuration), configure);
    }

    private static IHfBuilder AddHfJobExecutor(this IHfBuilder builder, Action<HfJobExecutorOptions> read, Action<HfJobExecutorOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<HfJobExecutorOptions>()
            .Configure(options =>
            {
                read(options);
                configure?.Invoke(options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HfJobExecutorOptions>, HfJobExecutorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new HfJobExecutor(
            sp.GetRequiredService<JobsClient>(),
            sp.GetRequiredService<BucketClient>(),
            sp.GetRequiredService<IOptions<HfJobExecutorOptions>>().Value,
            sp.GetRequiredService<IOptions<HfClientOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<StepRetryOptions>()));
        services.RemoveAll<IRunExecutor>();
        services.AddSingleton<IRunExecutor>(sp => sp.GetRequiredService<HfJobExecutor>());
        return builder;
    }
}
