using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// <c>GET|HEAD /{prefix}{ns}/{name}/resolve/{rev}/{path}</c>: file bytes with <c>Range</c>, <c>ETag</c>,
/// <c>X-Repo-Commit</c> (and <c>X-Linked-*</c> for LFS files); gated repos answer <c>GatedRepo</c> to users without access.
/// <c>…/raw/{rev}/{path}</c> answers what git holds instead: an LFS file's pointer text, not its bytes (what
/// <c>@huggingface/hub</c>'s <c>fileExists</c> probes with HEAD).
/// </summary>
internal sealed class ResolveEndpoints(SandboxServices services)
{
    private static readonly string[] UngatedFiles = ["README.md", ".gitattributes"];

    public void Map(WebApplication app)
    {
        foreach (var kind in RepoKinds.All)
        {
            var files = app.MapGroup("/" + kind.UrlPrefix() + "{ns}/{name}");
            files.MapMethods("/resolve/{rev}/{**path}", [HttpMethods.Get, HttpMethods.Head], context => ResolveAsync(context, kind, raw: false));
            files.MapMethods("/raw/{rev}/{**path}", [HttpMethods.Get, HttpMethods.Head], context => ResolveAsync(context, kind, raw: true));
        }
    }

    private async Task ResolveAsync(HttpContext context, RepoKind kind, bool raw)
    {
        var repo = await RepoAccess.ReadableAsync(context, services, kind, SandboxHttp.Route(context, "ns") + "/" + SandboxHttp.Route(context, "name")).ConfigureAwait(false);
        if (repo is null)
        {
            return;
        }

        var revision = Uri.UnescapeDataString(SandboxHttp.Route(context, "rev"));
        var commit = repo.Resolve(revision);
        if (commit is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, $"Invalid rev id: {revision}", "RevisionNotFound").ConfigureAwait(false);
            return;
        }

        var path = Uri.UnescapeDataString(SandboxHttp.Route(context, "path"));
        if (!commit.Tree.TryGetValue(path, out var file))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, "Entry not found", "EntryNotFound").ConfigureAwait(false);
            return;
        }

        var caller = RepoAccess.Caller(context, services);
        if (repo.Gated is not null && !UngatedFiles.Contains(path) && !RepoAccess.Owns(caller, repo) && (caller is null || !repo.GatedAccess.Contains(caller.User)))
        {
            var url = services.Url("/" + kind.UrlPrefix() + repo.Id);
            var (status, message) = caller is null
                ? (StatusCodes.Status401Unauthorized, $"Access to {kind.Wire()} {repo.Id} is restricted. You must have access to it and be authenticated to access it. Please log in.")
                : (StatusCodes.Status403Forbidden, $"Access to {kind.Wire()} {repo.Id} is restricted and you are not in the authorized list. Visit {url} to ask for access.");
            await SandboxHttp.ErrorAsync(context, status, message, "GatedRepo").ConfigureAwait(false);
            return;
        }

        var headers = context.Response.Headers;
        headers["X-Repo-Commit"] = commit.Oid;
        headers.AcceptRanges = "bytes";
        headers.ContentDisposition = $"inline; filename*=UTF-8''{Uri.EscapeDataString(Path.GetFileName(path))}; filename=\"{Path.GetFileName(path)}\";";
        if (raw && file.LfsPointer is { } pointer)
        {
            await Results.Bytes(System.Text.Encoding.UTF8.GetBytes(pointer), "text/plain; charset=utf-8", lastModified: commit.Date, entityTag: new EntityTagHeaderValue("\"" + file.BlobId + "\""), enableRangeProcessing: true)
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (file.IsLfs)
        {
            headers["X-Linked-Size"] = file.Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
            headers["X-Linked-ETag"] = file.ETag;
        }

        var contentType = file.IsLfs ? "application/octet-stream" : "text/plain; charset=utf-8";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            headers.ETag = file.ETag;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = file.Size;
            return;
        }

        await Results.Stream(file.Open(), contentType, lastModified: commit.Date, entityTag: new EntityTagHeaderValue(file.ETag), enableRangeProcessing: true).ExecuteAsync(context).ConfigureAwait(false);
    }
}
