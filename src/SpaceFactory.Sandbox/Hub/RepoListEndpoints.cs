using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// <c>GET /api/models</c>, <c>/api/datasets</c>, <c>/api/spaces</c>: <c>author</c>, <c>search</c> (substring of the id),
/// <c>filter</c> (every tag must match), <c>sort</c> + <c>direction</c>, <c>limit</c> (page size, at most 1000, with
/// <c>Link</c> to the next page), and <c>full</c>/<c>expand</c> for the info fields. Private repos are listed to their owner only.
/// </summary>
internal sealed class RepoListEndpoints(SandboxServices services)
{
    private const int MaxPageSize = 1000;

    /// <summary>The fields the Hub lists without <c>full</c> or <c>expand</c>.</summary>
    private static readonly Dictionary<RepoKind, HashSet<string>> ShortFields = new()
    {
        [RepoKind.Model] = ["likes", "downloads", "trendingScore", "private", "pipeline_tag", "library_name", "tags", "createdAt", "modelId"],
        [RepoKind.Dataset] = ["author", "sha", "lastModified", "private", "gated", "disabled", "likes", "downloads", "trendingScore", "tags", "createdAt"],
        [RepoKind.Space] = ["likes", "trendingScore", "private", "sdk", "tags", "createdAt"],
    };

    public void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        foreach (var kind in RepoKinds.All)
        {
            api.MapGet("/" + kind.ApiSegment(), context => ListAsync(context, kind));
        }
    }

    private Task ListAsync(HttpContext context, RepoKind kind)
    {
        var query = context.Request.Query;
        var caller = RepoAccess.Caller(context, services);
        var author = query["author"].ToString();
        var search = query["search"].ToString();
        var filters = query["filter"].SelectMany(f => (f ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var listed = services.Repos.All
            .Where(r => r.Kind == kind && RepoAccess.CanRead(caller, r))
            .Where(r => author.Length == 0 || string.Equals(r.Namespace, author, StringComparison.OrdinalIgnoreCase))
            .Where(r => search.Length == 0 || r.Id.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Select(r => (Repo: r, Info: RepoInfoBuilder.Build(services, r, r.Head, blobs: false, fields: null)))
            .Where(entry => filters.All(tag => Matches(entry.Info, tag)))
            .ToList();
        var sorted = Sort(listed, query["sort"].ToString(), query["direction"].ToString());
        int? limit = int.TryParse(query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, MaxPageSize) : null;
        var full = string.Equals(query["full"], "true", StringComparison.OrdinalIgnoreCase);
        var fields = RepoInfoBuilder.ExpandedFields(query) ?? (full ? null : ShortFields[kind]);
        var page = Paging.Page(context, services, sorted, limit)
            .Select(entry => fields is null ? entry.Info : RepoInfoBuilder.Build(services, entry.Repo, entry.Repo.Head, blobs: false, fields))
            .ToList();
        return SandboxHttp.WriteJsonAsync(context, page, SandboxJsonContext.Relaxed.ListRepoInfoAnswer);
    }

    /// <summary>A tag filter matches a tag, the pipeline tag, the library or the SDK.</summary>
    private static bool Matches(RepoInfoAnswer info, string tag)
        => (info.Tags ?? []).Append(info.PipelineTag).Append(info.LibraryName).Append(info.Sdk)
            .Any(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase));

    /// <summary>Sorted by the named field, descending unless <c>direction</c> is given and not <c>-1</c>; by id without <c>sort</c>.</summary>
    private static List<(Repo Repo, RepoInfoAnswer Info)> Sort(List<(Repo Repo, RepoInfoAnswer Info)> listed, string sort, string direction)
    {
        if (sort.Length == 0 || sort is "id")
        {
            return [.. listed.OrderBy(e => e.Info.Id, StringComparer.Ordinal)];
        }

        var descending = direction.Length == 0 || direction is "-1";
        var comparer = Comparer<RepoInfoAnswer>.Create((a, b) => Compare(SortValue(a, sort), SortValue(b, sort)));
        var ordered = descending ? listed.OrderByDescending(e => e.Info, comparer) : listed.OrderBy(e => e.Info, comparer);
        return [.. ordered.ThenBy(e => e.Info.Id, StringComparer.Ordinal)];
    }

    /// <summary>The value a listing sorts by: a count, or an ISO-8601 timestamp (which sorts as text); null sorts lowest.</summary>
    private static IComparable? SortValue(RepoInfoAnswer info, string sort) => sort switch
    {
        "likes" => info.Likes,
        "downloads" => info.Downloads,
        "trendingScore" => 0,
        "usedStorage" => info.UsedStorage,
        "lastModified" => info.LastModified,
        "createdAt" => info.CreatedAt,
        _ => null,
    };

    private static int Compare(IComparable? a, IComparable? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => a.CompareTo(b),
    };
}
