using Microsoft.Extensions.Options;
using SpaceFactory.Hf;

namespace SpaceFactory.Phases.Steps;

/// <summary>The Hub URLs of a Space, for people (links in the record).</summary>
public sealed class SpaceTargets(IOptions<HfClientOptions> options)
{
    private readonly Uri _endpoint = options.Value.ResolveEndpoint();

    /// <summary>The Space's page: <c>{endpoint}/spaces/{id}</c>.</summary>
    /// <param name="space">The Space.</param>
    /// <returns>The URL.</returns>
    public string PageUrl(RepoId space) => $"{_endpoint.AbsoluteUri.TrimEnd('/')}/spaces/{space}";

    /// <summary>Links recorded with the target: the page and its settings.</summary>
    /// <param name="space">The Space.</param>
    /// <returns>Named links.</returns>
    public IReadOnlyDictionary<string, string> Links(RepoId space) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["space"] = PageUrl(space),
        ["settings"] = PageUrl(space) + "/settings",
    };
}
