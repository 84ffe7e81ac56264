namespace SpaceFactory.Core.Pipeline;

/// <summary>Builds a <see cref="Recipe"/> step by step: <c>new RecipeBuilder("x").Add(a).Add(b).Build()</c>.</summary>
/// <param name="name">The recipe name.</param>
public sealed class RecipeBuilder(string name)
{
    private readonly List<IPhaseStep> _steps = [];
    private string? _description;

    /// <summary>Appends a step.</summary>
    /// <param name="step">The step.</param>
    /// <returns>This builder.</returns>
    public RecipeBuilder Add(IPhaseStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return this;
    }

    /// <summary>Appends several steps.</summary>
    /// <param name="steps">The steps.</param>
    /// <returns>This builder.</returns>
    public RecipeBuilder AddRange(IEnumerable<IPhaseStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var step in steps)
        {
            Add(step);
        }

        return this;
    }

    /// <summary>Inserts a step right after the step named <paramref name="after"/>.</summary>
    /// <param name="after">An existing step's name.</param>
    /// <param name="step">The step to insert.</param>
    /// <returns>This builder.</returns>
    public RecipeBuilder InsertAfter(string after, IPhaseStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var index = _steps.FindIndex(s => string.Equals(s.Name, after, StringComparison.Ordinal));
        if (index < 0)
        {
            throw new ArgumentException($"Recipe '{name}' has no step '{after}' to insert after.", nameof(after));
        }

        _steps.Insert(index + 1, step);
        return this;
    }

    /// <summary>Sets the description.</summary>
    /// <param name="description">What the recipe does.</param>
    /// <returns>This builder.</returns>
    public RecipeBuilder Describe(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Builds the recipe.</summary>
    /// <returns>The recipe.</returns>
    public Recipe Build() => new(name, [.. _steps], _description);
}
