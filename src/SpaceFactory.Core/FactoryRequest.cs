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

    /// <summary>The run id to use; a new one when <see langword="null"/> (hosts that must know it first call <see cref="WithRunId"/>).</summary>
    public RunId? RunId { get; init; }

    /// <summary>
    /// The one place a run id is decided: this request when it has one, else a copy with a new id from
    /// <paramref name="timeProvider"/>. The factory calls it before handing the request to an executor; a host that
    /// must show the id before the run ends (a progress view, a run page) calls it first and passes the result on.
    /// </summary>
    /// <param name="timeProvider">The clock the new id's timestamp comes from.</param>
    /// <returns>A request whose <see cref="RunId"/> is set.</returns>
    public FactoryRequest WithRunId(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return RunId is null ? this with { RunId = Core.RunId.New(timeProvider) } : this;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"FactoryRequest {{ Recipe = {Recipe}, Parameters = {Parameters.Count}, Target = {Target}, Secrets = [{string.Join(", ", Secrets.Keys)}] }}";
}
