using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// Git LFS batch API (basic transfer) with a Sandbox storage URL: <c>PUT /__lfs_storage/{oid}</c> streams to disk
/// while hashing and rejects content whose SHA-256 is not the oid; <c>POST /__lfs_verify</c> checks presence.
/// </summary>
internal sealed class LfsEndpoints(SandboxServices services)
{
    private const string LfsContentType = "application/vnd.git-lfs+json";
    private readonly ConcurrentDictionary<string, long> _announced = new(StringComparer.OrdinalIgnoreCase);

    public void Map(WebApplication app)
    {
        foreach (var kind in RepoKinds.All)
        {
            app.MapGroup("/" + kind.UrlPrefix() + "{ns}/{name}.git/info/lfs").MapPost("/objects/batch", context => BatchAsync(context, kind));
        }

        var storage = app.MapGroup("/__lfs_storage");
        storage.MapPut("/{oid}", StoreAsync);
        storage.MapGet("/{oid}", DownloadAsync);
        app.MapPost("/__lfs_verify", VerifyAsync);
    }

    private async Task BatchAsync(HttpContext context, RepoKind kind)
    {
        var id = SandboxHttp.Route(context, "ns") + "/" + SandboxHttp.Route(context, "name");
        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.LfsBatchRequest).ConfigureAwait(false);
        var upload = request?.Operation is "upload";
        var repo = upload
            ? await RepoAccess.WritableAsync(context, services, kind, id).ConfigureAwait(false)
            : await RepoAccess.ReadableAsync(context, services, kind, id).ConfigureAwait(false);
        if (repo is null)
        {
            return;
        }

        if (request?.Objects is null || request.Operation is not ("upload" or "download"))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status422UnprocessableEntity, "Invalid LFS batch request: operation (upload|download) and objects are required").ConfigureAwait(false);
            return;
        }

        if (request.Transfers is { Count: > 0 } transfers && !transfers.Contains("basic"))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status422UnprocessableEntity, "The Sandbox only offers the basic LFS transfer").ConfigureAwait(false);
            return;
        }

        var objects = new JsonArray();
        foreach (var item in request.Objects)
        {
            var oid = item.Oid ?? "";
            var entry = new JsonObject { ["oid"] = oid, ["size"] = item.Size };
            if (!BlobStore.IsSha256(oid))
            {
                entry["error"] = new JsonObject { ["code"] = 422, ["message"] = "oid must be a SHA-256 (64 hex characters)" };
            }
            else if (services.Repos.Blobs.TryGet(oid, out var size) && size == item.Size)
            {
                if (!upload)
                {
                    entry["authenticated"] = true;
                    entry["actions"] = new JsonObject { ["download"] = new JsonObject { ["href"] = services.Url("/__lfs_storage/" + oid.ToLowerInvariant()), ["header"] = new JsonObject() } };
                }
            }
            else if (upload)
            {
                _announced[oid] = item.Size;
                entry["authenticated"] = true;
                entry["actions"] = new JsonObject
                {
                    ["upload"] = new JsonObject { ["href"] = services.Url("/__lfs_storage/" + oid.ToLowerInvariant()), ["header"] = new JsonObject(), ["expires_in"] = 86400 },
                    ["verify"] = new JsonObject { ["href"] = services.Url("/__lfs_verify"), ["header"] = new JsonObject() },
                };
            }
            else
            {
                entry["error"] = new JsonObject { ["code"] = 404, ["message"] = "Object does not exist" };
            }

            objects.Append(entry);
        }

        await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["transfer"] = "basic", ["objects"] = objects }, contentType: LfsContentType).ConfigureAwait(false);
    }

    private async Task StoreAsync(HttpContext context)
    {
        var oid = SandboxHttp.Route(context, "oid");
        if (!BlobStore.IsSha256(oid))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "The storage URL must end with a SHA-256").ConfigureAwait(false);
            return;
        }

        long? expected = _announced.TryGetValue(oid, out var size) ? size : null;
        var problem = await services.Repos.Blobs.StoreStreamAsync(context.Request.Body, oid.ToLowerInvariant(), expected, context.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        _announced.TryRemove(oid, out _);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private Task DownloadAsync(HttpContext context)
    {
        var oid = SandboxHttp.Route(context, "oid");
        if (!services.Repos.Blobs.TryGet(oid, out _))
        {
            return SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, "Object does not exist");
        }

        return Results.File(services.Repos.Blobs.PathOf(oid.ToLowerInvariant()), "application/octet-stream", enableRangeProcessing: true).ExecuteAsync(context);
    }

    private async Task VerifyAsync(HttpContext context)
    {
        var body = await SandboxHttp.ReadObjectAsync(context).ConfigureAwait(false);
        var oid = body?["oid"]?.GetValue<string>() ?? "";
        var size = body?["size"]?.GetValue<long>();
        if (!services.Repos.Blobs.TryGet(oid, out var stored) || size is not null && size != stored)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, $"LFS object {oid} is not stored (or has another size)").ConfigureAwait(false);
            return;
        }

        await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["message"] = "ok" }).ConfigureAwait(false);
    }
}
