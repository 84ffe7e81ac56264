using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Core;

/// <summary>Registers the pipeline: recipes, a run store, the in-process executor and <see cref="ISpaceFactory"/>.</summary>
public static class SpaceFactoryCoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the pipeline with a <see cref="DirectoryRunStore"/> at <paramref name="recordRoot"/> (unless an
    /// <see cref="IRunStore"/> is already registered) and the in-process executor (unless an <see cref="IRunExecutor"/> is);
    /// <see cref="IRunReader"/> and <see cref="ISpaceFactory.Runs"/> read the records of whichever executor is registered.
    /// Recipes come from every registered <see cref="Recipe"/>, e.g. via <see cref="AddRecipe(IServiceCollection, string, Action{RecipeBuilder, IServiceProvider})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="recordRoot">The folder for run records (holds <c>runs/</c>).</param>
    /// <param name="configure">Pipeline settings.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSpaceFactoryCore(this IServiceCollection services, string recordRoot, Action<SpaceFactoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordRoot);
        var options = services.AddOptions<SpaceFactoryOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRunStore>(_ => new DirectoryRunStore(recordRoot));
        services.TryAddSingleton<IRunReader>(sp => sp.GetRequiredService<IRunExecutor>().Records);
        services.TryAddSingleton<IRecipeCatalog>(sp => new RecipeCatalog(sp.GetServices<Recipe>()));
        services.TryAddSingleton<IRunExecutor>(sp => new InProcessRunExecutor(
            sp.GetRequiredService<IRecipeCatalog>(),
            sp.GetRequiredService<IRunStore>(),
            sp.GetRequiredService<IOptions<SpaceFactoryOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<InProcessRunExecutor>>(),
            sp));
        services.TryAddSingleton<ISpaceFactory>(sp => new SpaceFactoryService(
            sp.GetRequiredService<IRecipeCatalog>(),
            sp.GetRequiredService<IRunExecutor>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Registers a recipe built from services (steps resolved from DI).</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The recipe name.</param>
    /// <param name="build">Adds the steps.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRecipe(this IServiceCollection services, string name, Action<RecipeBuilder, IServiceProvider> build)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(build);
        services.AddSingleton(sp =>
        {
            var builder = new RecipeBuilder(name);
            build(builder, sp);
            return builder.Build();
        });
        return services;
    }
}
