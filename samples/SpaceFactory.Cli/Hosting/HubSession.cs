using SpaceFactory.Hf;

namespace SpaceFactory.Cli.Hosting;

/// <summary>A Hub client for the <c>hf</c>-style verbs, from <c>HF_ENDPOINT</c> and <c>HF_TOKEN</c> (they log nothing).</summary>
internal static class HubSession
{
    public static HfClients Build(FactoryConnection connection) => new(connection.ToOptions());

    /// <summary>Parses <c>--repo-type</c> as the Hub CLI spells it.</summary>
    public static RepoType RepoType(string? value) => value switch
    {
        null or "model" => Hf.RepoType.Model,
        "dataset" => Hf.RepoType.Dataset,
        "space" => Hf.RepoType.Space,
        _ => throw new CliInputException($"--repo-type '{value}' is not one of model, dataset, space."),
    };
}
