using System.Text;

namespace SpaceFactory.Hf.Hub;

/// <summary>
/// Builds Hub request paths, relative to the endpoint (no leading <c>/</c>, so that an endpoint with a path such as
/// a local Sandbox at <c>http://localhost:5000/hub/</c> keeps it).
/// </summary>
internal static class HubPaths
{
    /// <summary>The public Hub's origin, which the Hub writes into URLs it returns even behind another endpoint.</summary>
    private const string PublicHub = "https://huggingface.co";

    public const string DefaultRevision = "main";

    /// <summary><c>api/{type}s/{namespace}/{name}</c>.</summary>
    public static string Api(RepoType type, RepoId repoId) => $"api/{type.ToApiSegment()}/{repoId}";

    /// <summary><c>api/spaces/{namespace}/{name}</c>.</summary>
    public static string Space(RepoId repoId) => Api(RepoType.Space, repoId);

    /// <summary>A revision as one path segment: <c>refs/pr/1</c> becomes <c>refs%2Fpr%2F1</c>.</summary>
    public static string Revision(string? revision) => Uri.EscapeDataString(string.IsNullOrEmpty(revision) ? DefaultRevision : revision);

    /// <summary>A path in the repository with each segment escaped and the <c>/</c> kept.</summary>
    public static string EscapePath(string pathInRepo)
    {
        var builder = new StringBuilder(pathInRepo.Length + 8);
        foreach (var segment in pathInRepo.Split('/'))
        {
            if (builder.Length > 0)
            {
                builder.Append('/');
            }

            builder.Append(Uri.EscapeDataString(segment));
        }

        return builder.ToString();
    }

    /// <summary><c>{prefix}{id}/resolve/{revision}/{path}</c>: the raw content of a file.</summary>
    public static string Resolve(RepoType type, RepoId repoId, string? revision, string pathInRepo) =>
        $"{type.ToUrlPrefix()}{repoId}/resolve/{Revision(revision)}/{EscapePath(pathInRepo)}";

    /// <summary><c>{prefix}{id}.git/info/lfs/objects/batch</c>: the Git LFS batch endpoint.</summary>
    public static string LfsBatch(RepoType type, RepoId repoId) => $"{type.ToUrlPrefix()}{repoId}.git/info/lfs/objects/batch";

    /// <summary>Throws when <paramref name="repoId"/> has no namespace: the path-based API needs <c>namespace/name</c>.</summary>
    public static RepoId RequireNamespace(RepoId repoId, string paramName)
    {
        if (string.IsNullOrEmpty(repoId.Name))
        {
            throw new ArgumentException("The repository id is empty (default RepoId); parse one with RepoId.Parse.", paramName);
        }

        return repoId.Namespace is null
            ? throw new ArgumentException($"Repository id '{repoId}' needs a namespace for this call: use 'namespace/{repoId.Name}'.", paramName)
            : repoId;
    }

    /// <summary>
    /// Rewrites a URL the Hub returned on the public host (<c>url</c>, <c>commitUrl</c>, LFS <c>href</c>) to the
    /// configured endpoint, as the official client does, so that a mirror or Sandbox keeps the traffic.
    /// </summary>
    public static Uri FixEndpoint(string url, Uri endpoint)
    {
        var origin = endpoint.AbsoluteUri.TrimEnd('/');
        if (!string.Equals(origin, PublicHub, StringComparison.OrdinalIgnoreCase) &&
            url.StartsWith(PublicHub, StringComparison.OrdinalIgnoreCase) &&
            (url.Length == PublicHub.Length || url[PublicHub.Length] == '/'))
        {
            url = origin + url[PublicHub.Length..];
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri
            : throw new HfProtocolException($"The Hub returned '{url}' where an absolute URL was expected.");
    }
}
