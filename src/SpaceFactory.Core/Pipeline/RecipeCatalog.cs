using System.Diagnostics.CodeAnalysis;

namespace SpaceFactory.Core.Pipeline;

/// <summary>A fixed set of recipes.</summary>
public sealed class RecipeCatalog : IRecipeCatalog
{
    private readonly Dictionary<string, Recipe> _recipes;

    /// <summary>Creates a catalog; names must be unique.</summary>
    /// <param name="recipes">The recipes.</param>
    public RecipeCatalog(IEnumerable<Recipe> recipes)
    {
        ArgumentNullException.ThrowIfNull(recipes);
        _recipes = new Dictionary<string, Recipe>(StringComparer.Ordinal);
        foreach (var recipe in recipes)
        {
            if (!_recipes.TryAdd(recipe.Name, recipe))
            {
                throw new ArgumentException($"The recipe '{recipe.Name}' is registered twice.", nameof(recipes));
            }
        }

        Recipes = [.. _recipes.Values.OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public IReadOnlyList<Recipe> Recipes { get; }

    /// <inheritdoc />
    public bool TryGet(string name, [NotNullWhen(true)] out Recipe? recipe) => _recipes.TryGetValue(name ?? string.Empty, out recipe);
}
