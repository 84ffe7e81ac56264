namespace SpaceFactory.Core;

/// <summary>
/// What to run: a recipe, its parameters (recorded in <c>state.json</c>), an optional target, and secrets
/// (never recorded: they are registered with the redactor and must be supplied again on resume).
/// </summary>
public sealed record FactoryRequest
{
    /// <summary>Creates a request for <paramref name="recipe"/>.</summary>
    /// <param name="recipe">The recipe name, e.g. <c>model-card</c>.</param>
    public FactoryRequest(string recipe)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipe);
        Recipe = recipe;
    }

    /// <summary>The recipe to run.</summary>
    public string Recipe { get; }

    /// <summary>Parameters the steps read (e.g. <c>model</c>, <c>space</c>), in order. Recorded: never put a secret here.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>What the run produces, for people and UIs (e.g. a Space id). Core does not interpret it.</summary>
    public string? Target { get; init; }

    /// <summary>Named secrets the steps may use (e.g. <c>HF_TOKEN</c>). Never recorded; every value is redacted.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The run id to use; a new one when <see langword="null"/> (hosts that must know it first set it).</summary>
    public RunId? RunId { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"FactoryRequest {{ Recipe = {Recipe}, Parameters = {Parameters.Count}, Target = {Target}, Secrets = [{string.Join(", ", Secrets.Keys)}] }}";
}
