namespace SpaceFactory.Core.Pipeline;

/// <summary>A named, ordered list of steps (e.g. <c>private-space</c>, <c>model-card</c>) that hosts compose.</summary>
public sealed class Recipe
{
    /// <summary>Creates a recipe.</summary>
    /// <param name="name">Its name: lower-case letters, digits and '-'.</param>
    /// <param name="steps">Its steps, in order; names must be unique.</param>
    /// <param name="description">What it does, for people.</param>
    public Recipe(string name, IReadOnlyList<IPhaseStep> steps, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(steps);
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"Recipe name '{name}' must use lower-case letters, digits and '-' only.", nameof(name));
        }

        if (steps.Count == 0)
        {
            throw new ArgumentException($"Recipe '{name}' has no steps.", nameof(steps));
        }

        var duplicate = steps.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Recipe '{name}' has the step '{duplicate.Key}' twice; step names must be unique.", nameof(steps));
        }

        Name = name;
        Steps = steps;
        Description = description ?? string.Empty;
    }

    /// <summary>The recipe's name.</summary>
    public string Name { get; }

    /// <summary>What it does.</summary>
    public string Description { get; }

    /// <summary>Its steps, in order.</summary>
    public IReadOnlyList<IPhaseStep> Steps { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({string.Join(" → ", Steps.Select(s => s.Name))})";
}
