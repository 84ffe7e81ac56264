using SpaceFactory.Core.Pipeline;

namespace SpaceFactory.Phases.Recipes;

/// <summary>
/// One recipe of the factory: its name, what it does and its steps in order. Each recipe is a file of its own, so
/// that "which steps does <c>model-card</c> run?" is answered by opening <see cref="ModelCardRecipe"/>.
/// </summary>
/// <param name="name">The recipe's name, as hosts and records spell it.</param>
/// <param name="description">One sentence on what the recipe does.</param>
public abstract class FactoryRecipe(string name, string description)
{
    /// <summary>The recipe's name, e.g. <c>model-card</c>.</summary>
    public string Name { get; } = name;

    /// <summary>One sentence on what the recipe does.</summary>
    public string Description { get; } = description;

    /// <summary>The recipe's steps, in the order they run.</summary>
    /// <param name="services">The services the steps come from.</param>
    /// <returns>The steps.</returns>
    public abstract IEnumerable<IPhaseStep> Steps(IServiceProvider services);
}
