using System.Globalization;
using System.Text.Json.Nodes;
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
    private static readonly Dictionary<RepoKind, string[]> ShortFields = new()
    {
        [RepoKind.Model] = ["_id", "id", "likes", "downloads", "trendingScore", "private", "pipeline_tag", "library_name", "tags", "createdAt", "modelId"],
        [RepoKind.Dataset] = ["_id", "id", "author", "sha", "lastModified", "private", "gated", "disabled", "likes", "downloads", "trendingScore", "tags", "createdAt"],
        [RepoKind.Space] = ["_id", "id", "likes", "trendingScore", "private", "sdk", "tags", "createdAt"],
    };

    private static readonly IQueryCollection NoQuery = new QueryCollection();

    /// <summary>Fields besides the tags that a tag filter matches.</summary>
    private static readonly string[] TaggedFields = ["pipeline_tag", "library_name", "sdk"];

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
        var infos = services.Repos.All
            .Where(r => r.Kind == kind && RepoAccess.CanRead(caller, r))
            .Where(r => author.Length == 0 || string.Equals(r.Namespace, author, StringComparison.OrdinalIgnoreCase))
            .Where(r => search.Length == 0 || r.Id.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Select(r => RepoInfoBuilder.Build(services, r, r.Head, NoQuery))
            .Where(info => filters.All(tag => Matches(info, tag)))
            .ToList();
        var sorted = Sort(infos, query["sort"].ToString(), query["direction"].ToString());
        int? limit = int.TryParse(query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, MaxPageSize) : null;
        var full = string.Equals(query["full"], "true", StringComparison.OrdinalIgnoreCase) || query["expand"].Count + query["expand[]"].Count > 0;
        var array = new JsonArray();
        foreach (var info in Paging.Page(context, services, sorted, limit))
        {
            array.Append(full ? RepoInfoBuilder.Expand(info, query) : Short(info, kind));
        }

        return SandboxHttp.WriteNodeAsync(context, array);
    }

    /// <summary>A tag filter matches a tag, the pipeline tag, the library or the SDK.</summary>
    private static bool Matches(JsonObject info, string tag)
        => info["tags"] is JsonArray tags && tags.Any(t => string.Equals(t?.ToString(), tag, StringComparison.OrdinalIgnoreCase))
           || TaggedFields.Any(key => string.Equals(info[key]?.ToString(), tag, StringComparison.OrdinalIgnoreCase));

    /// <summary>Sorted by the named field, descending unless <c>direction</c> is given and not <c>-1</c>; by id without <c>sort</c>.</summary>
    private static List<JsonObject> Sort(List<JsonObject> infos, string sort, string direction)
    {
        if (sort.Length == 0 || sort is "id")
        {
            return [.. infos.OrderBy(i => i["id"]?.ToString(), StringComparer.Ordinal)];
        }

        var descending = direction.Length == 0 || direction is "-1";
        IComparer<JsonObject> comparer = Comparer<JsonObject>.Create((a, b) => Compare(a[sort], b[sort]));
        var ordered = descending ? infos.OrderByDescending(i => i, comparer) : infos.OrderBy(i => i, comparer);
        return [.. ordered.ThenBy(i => i["id"]?.ToString(), StringComparer.Ordinal)];
    }

    private static int Compare(JsonNode? a, JsonNode? b)
    {
        if (a is JsonValue x && b is JsonValue y && x.TryGetValue<double>(out var dx) && y.TryGetValue<double>(out var dy))
        {
            return dx.CompareTo(dy);
        }

        // Timestamps are ISO-8601 and compare as text; a missing value sorts lowest.
        return string.CompareOrdinal(a?.ToString(), b?.ToString());
    }

    private static JsonObject Short(JsonObject info, RepoKind kind)
    {
        var entry = new JsonObject();
        foreach (var key in ShortFields[kind])
        {
            if (key is "trendingScore")
            {
                entry[key] = 0;
            }
            else if (info.TryGetPropertyValue(key, out var value))
            {
                entry[key] = value?.DeepClone();
            }
        }

        return entry;
    }
}
