using System.Diagnostics.CodeAnalysis;

namespace SpaceFactory.Core.Pipeline;

/// <summary>The recipes a host offers, by name.</summary>
public interface IRecipeCatalog
{
    /// <summary>Every recipe, sorted by name.</summary>
    IReadOnlyList<Recipe> Recipes { get; }

    /// <summary>Finds a recipe.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="recipe">The recipe when found.</param>
    /// <returns>Whether it exists.</returns>
    bool TryGet(string name, [NotNullWhen(true)] out Recipe? recipe);

    /// <summary>Finds a recipe or throws an error listing the known ones.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The recipe.</returns>
    Recipe GetRequired(string name) =>
        TryGet(name, out var recipe)
            ? recipe
            : throw new ArgumentException($"There is no recipe '{name}'. Known recipes: {string.Join(", ", Recipes.Select(r => r.Name))}.", nameof(name));
}
