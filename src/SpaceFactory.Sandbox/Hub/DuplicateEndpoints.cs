using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// <c>POST /api/{models|datasets|spaces}/{id}/duplicate</c> <c>{"repository": "ns/name", "visibility"?, ...}</c>: copies
/// the head of <c>main</c> into a new repo of the caller (one commit), keeping the source's visibility unless told
/// (as huggingface_hub documents); 409 when the target exists. A duplicated Space gets the requested hardware, sleep
/// time, secrets and variables (not the source's secrets) and builds.
/// </summary>
internal sealed class DuplicateEndpoints(SandboxServices services)
{
    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var kind in RepoKinds.All)
        {
            app.MapGroup("/api/" + kind.ApiSegment() + "/{ns}/{name}").MapPost("/duplicate", context => DuplicateAsync(context, kind));
        }
    }

    private async Task DuplicateAsync(HttpContext context, RepoKind kind)
    {
        var source = await RepoAccess.ReadableAsync(context, services, kind, SandboxHttp.Route(context, "ns") + "/" + SandboxHttp.Route(context, "name")).ConfigureAwait(false);
        if (source is null)
        {
            return;
        }

        var caller = RepoAccess.Caller(context, services);
        if (caller is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status401Unauthorized, "You must be authenticated to duplicate a repo").ConfigureAwait(false);
            return;
        }

        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.DuplicateRequest).ConfigureAwait(false);
        var target = request?.Repository?.Split('/');
        if (target is not { Length: 2 })
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "\"repository\" is required, as \"namespace/name\"").ConfigureAwait(false);
            return;
        }

        if ((RepoNameRules.Check(target[1]) ?? RepoNameRules.Check(target[0], "namespace")) is { } problem)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(target[0], caller.User, StringComparison.OrdinalIgnoreCase) || !caller.CanWrite)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status403Forbidden, $"You don't have the rights to create a {kind.Wire()} under the namespace \"{target[0]}\"").ConfigureAwait(false);
            return;
        }

        if (request!.Visibility is not null and not ("public" or "private" or "protected"))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Invalid visibility '{request.Visibility}': expected public or private (protected for Spaces)").ConfigureAwait(false);
            return;
        }

        if (kind == RepoKind.Space && request.Hardware is not null && services.Spaces.HardwareRefusal(request.Hardware, request.Repository!) is { } refusal)
        {
            await SandboxHttp.ErrorAsync(context, refusal.Status, refusal.Message).ConfigureAwait(false);
            return;
        }

        foreach (var entry in (request.Secrets ?? []).Concat(request.Variables ?? []))
        {
            if (HubRepoEndpoints.KeyProblem(entry.Key) is { } keyProblem)
            {
                await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, keyProblem).ConfigureAwait(false);
                return;
            }
        }

        var isPrivate = request.Visibility is { } visibility ? visibility is "private" : request.Private ?? source.Private;
        var head = source.Head;
        var copy = services.Repos.TryCreate(kind, caller.User, target[1], r =>
        {
            r.Private = isPrivate;
            r.Sdk = source.Sdk;
        });
        if (copy is null)
        {
            await NewRepoAnswers.ConflictAsync(context, services, kind, request.Repository!).ConfigureAwait(false);
            return;
        }

        services.Repos.Commit(copy, "Duplicate from " + source.Id, "", [.. head.Tree.Values], [], []);
        if (kind == RepoKind.Space)
        {
            await NewRepoAnswers.StartSpaceAsync(services, copy, request.Hardware, request.SleepTimeSeconds, request.Secrets, request.Variables).ConfigureAwait(false);
        }

        await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["url"] = services.Url("/" + kind.UrlPrefix() + copy.Id) }).ConfigureAwait(false);
    }
}
