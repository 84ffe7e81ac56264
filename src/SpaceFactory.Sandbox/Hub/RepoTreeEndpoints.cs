using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using SpaceFactory.Sandbox.Infrastructure;
using static SpaceFactory.Sandbox.Hub.TreeWire;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// Reading a repo's tree and history: <c>tree/{rev}[/{path}]</c> (paged, <c>recursive</c>, <c>expand</c>),
/// <c>paths-info/{rev}</c> (JSON or form body) and <c>commits/{rev}</c> (paged, <c>limit</c>).
/// </summary>
internal sealed class RepoTreeEndpoints(SandboxServices services)
{
    /// <summary>The Hub's largest tree page with <c>expand</c> (computing last commits is costly there too).</summary>
    private const int ExpandedPageSize = 50;

    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var kind in RepoKinds.All)
        {
            var repo = app.MapGroup("/api/" + kind.ApiSegment() + "/{ns}/{name}");
            repo.MapGet("/tree/{rev}", context => TreeAsync(context, kind));
            repo.MapGet("/tree/{rev}/{**path}", context => TreeAsync(context, kind));
            repo.MapPost("/paths-info/{rev}", context => PathsInfoAsync(context, kind));
            repo.MapGet("/commits/{rev}", context => CommitsAsync(context, kind));
        }
    }

    private async Task TreeAsync(HttpContext context, RepoKind kind)
    {
        if (await ResolveAsync(context, kind).ConfigureAwait(false) is not { } found)
        {
            return;
        }

        var path = Uri.UnescapeDataString(SandboxHttp.Route(context, "path")).Trim('/');
        var tree = new RepoTree(found.Repo, found.Commit);
        if (path.Length > 0 && !tree.IsFolder(path))
        {
            var message = tree.IsFile(path) ? $"'{path}' is a file, not a folder" : $"Entry not found: '{path}' does not exist at revision {found.Commit.Oid}";
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, message, "EntryNotFound").ConfigureAwait(false);
            return;
        }

        var expand = Flag(context.Request.Query["expand"]);
        var entries = tree.List(path, Flag(context.Request.Query["recursive"]), expand: false).ToList();
        var page = Paging.Page(context, services, entries, expand ? Math.Min(ExpandedPageSize, services.Options.PageSize) : null)
            .Select(e => expand ? tree.Entry(e.Path, expand: true)! : e)
            .ToList();
        await SandboxHttp.WriteJsonAsync(context, page, SandboxJsonContext.Relaxed.ListTreeEntry).ConfigureAwait(false);
    }

    private async Task PathsInfoAsync(HttpContext context, RepoKind kind)
    {
        if (await ResolveAsync(context, kind).ConfigureAwait(false) is not { } found)
        {
            return;
        }

        // huggingface_hub posts a form (paths=a&paths=b&expand=false); huggingface.js posts JSON.
        List<string> paths;
        bool expand;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            paths = form["paths"].Where(p => p is not null).Select(p => p!).ToList();
            expand = Flag(form["expand"]);
        }
        else
        {
            var body = await SandboxHttp.ReadObjectAsync(context).ConfigureAwait(false);
            if (body?["paths"] is not JsonArray array)
            {
                await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "\"paths\" is required: a list of paths in the repo").ConfigureAwait(false);
                return;
            }

            paths = array.Select(p => p is JsonValue value && value.TryGetValue<string>(out var text) ? text : null).OfType<string>().ToList();
            expand = body["expand"] is JsonValue flag && flag.TryGetValue<bool>(out var on) && on;
        }

        var tree = new RepoTree(found.Repo, found.Commit);
        var entries = paths.Select(p => p.Trim('/')).Distinct(StringComparer.Ordinal).Select(p => tree.Entry(p, expand)).OfType<TreeEntry>().ToList();
        await SandboxHttp.WriteJsonAsync(context, entries, SandboxJsonContext.Relaxed.ListTreeEntry).ConfigureAwait(false);
    }

    private async Task CommitsAsync(HttpContext context, RepoKind kind)
    {
        if (await ResolveAsync(context, kind).ConfigureAwait(false) is not { } found)
        {
            return;
        }

        int? limit = int.TryParse(context.Request.Query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, 1000) : null;
        var author = new CommitAuthor(found.Repo.Namespace, "/avatars/sandbox.svg");
        var entries = Paging.Page(context, services, found.Repo.History(found.Commit), limit)
            .Select(c => new CommitEntry(c.Oid, c.Summary, c.Description, [author], LogStreamWriter.FormatTimestamp(c.Date)))
            .ToList();
        await SandboxHttp.WriteJsonAsync(context, entries, SandboxJsonContext.Relaxed.ListCommitEntry).ConfigureAwait(false);
    }

    /// <summary>The readable repo and the commit its <c>rev</c> names; otherwise writes RepoNotFound or RevisionNotFound.</summary>
    private async Task<(Repo Repo, RepoCommit Commit)?> ResolveAsync(HttpContext context, RepoKind kind)
    {
        var repo = await RepoAccess.ReadableAsync(context, services, kind, SandboxHttp.Route(context, "ns") + "/" + SandboxHttp.Route(context, "name")).ConfigureAwait(false);
        if (repo is null)
        {
            return null;
        }

        var revision = Uri.UnescapeDataString(SandboxHttp.Route(context, "rev"));
        if (repo.Resolve(revision) is not { } commit)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, $"Invalid rev id: {revision}", "RevisionNotFound").ConfigureAwait(false);
            return null;
        }

        return (repo, commit);
    }

    /// <summary>Query and form booleans: <c>true</c>/<c>True</c>/<c>1</c> (httpx, URLSearchParams).</summary>
    private static bool Flag(StringValues value)
        => value.ToString() is var text && (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "1", StringComparison.Ordinal));
}
