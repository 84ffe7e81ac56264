using SpaceFactory.Phases.Recipes;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Cli.Commands;

/// <summary>
/// The parameters each built-in recipe reads (docs/cli.md lists them): a <c>-p</c> name none of its steps reads is a
/// typo that would otherwise be recorded and ignored, so it is refused with the names it could have meant.
/// </summary>
internal static class RecipeParameters
{
    private static readonly string[] SpaceMaking = ["space", "title", "allow_zerogpu", "space_token_secret"];

    private static readonly Dictionary<string, string[]> Known = new(StringComparer.Ordinal)
    {
        [FactoryRecipes.JobSmoke] = [],
        [FactoryRecipes.PrivateSpace] = SpaceMaking,
        [FactoryRecipes.ModelCard] = ["model", "agent", "allow_fixed_gpu", "allow_cpu_upgrade", RecommendRuntimeStep.MaxHourlyPriceParameter, .. SpaceMaking],
        [FactoryRecipes.PiEdit] = ["edit_prefix", .. SpaceMaking],
        [FactoryRecipes.PiRecipe] = [.. SpaceMaking],
        [FactoryRecipes.ValidateSpace] = ["space", "calls", "endpoint", "inputs", "expect"],
    };

    /// <summary>Throws when a parameter is not one the recipe reads; recipes a host added are not checked.</summary>
    public static void Check(string recipe, IReadOnlyDictionary<string, string> parameters)
    {
        if (!Known.TryGetValue(recipe, out var names))
        {
            return;
        }

        foreach (var name in parameters.Keys)
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                var near = names.OrderBy(n => Distance(n, name)).FirstOrDefault(n => Distance(n, name) <= Math.Max(2, name.Length / 3));
                var hint = near is null ? string.Empty : $" Did you mean '{near}'?";
                var list = names.Length == 0 ? "none" : string.Join(", ", names.Order(StringComparer.Ordinal));
                throw new CliInputException($"The recipe '{recipe}' has no parameter '{name}'.{hint} Its parameters: {list}.");
            }
        }
    }

    /// <summary>The Levenshtein distance: how many edits turn one name into the other.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
