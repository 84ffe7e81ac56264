namespace SpaceFactory.EndToEnd.Tests.Chaos;

/// <summary>
/// One hostile input: the recipe and its parameters, the outcome the run must end with, and a word its reason must
/// contain (naming what was wrong). <see cref="Model"/> (a README and config) is uploaded first as a model repo.
/// </summary>
public sealed record BadInputCase(string Name, string Recipe, (string Key, string Value)[] Parameters, string Outcome, string ReasonContains)
{
    /// <summary>A model repo to create first: README text and config.json text.</summary>
    public (string Id, string Readme, string Config)? Model { get; init; }

    public override string ToString() => Name;
}
