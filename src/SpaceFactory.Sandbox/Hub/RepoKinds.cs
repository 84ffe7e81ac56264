namespace SpaceFactory.Sandbox.Hub;

/// <summary>Wire names of <see cref="RepoKind"/> (singular, plural API segment, web/resolve prefix).</summary>
internal static class RepoKinds
{
    public static readonly RepoKind[] All = [RepoKind.Model, RepoKind.Dataset, RepoKind.Space];

    public static string Wire(this RepoKind kind) => kind switch
    {
        RepoKind.Dataset => "dataset",
        RepoKind.Space => "space",
        _ => "model",
    };

    public static string ApiSegment(this RepoKind kind) => kind.Wire() + "s";

    /// <summary>"" for models, "datasets/" or "spaces/" otherwise (web, resolve and git URLs).</summary>
    public static string UrlPrefix(this RepoKind kind) => kind == RepoKind.Model ? "" : kind.ApiSegment() + "/";

    public static bool TryParse(string? wire, out RepoKind kind)
    {
        switch (wire)
        {
            case null or "" or "model" or "models":
                kind = RepoKind.Model;
                return true;
            case "dataset" or "datasets":
                kind = RepoKind.Dataset;
                return true;
            case "space" or "spaces":
                kind = RepoKind.Space;
                return true;
            default:
                kind = RepoKind.Model;
                return false;
        }
    }
}
