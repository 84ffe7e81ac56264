using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Auth;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// The Hub's access rules: a private repo is "not found" to others (401 without a token, 404 with one, both with
/// <c>X-Error-Code: RepoNotFound</c>); writes need a write token of the owner.
/// </summary>
internal static class RepoAccess
{
    public const string NotFoundMessage = "Repository not found";

    public static SandboxCaller? Caller(HttpContext context, SandboxServices services) => services.Tokens.Authenticate(context.Request).Caller;

    public static bool CanRead(SandboxCaller? caller, Repo repo) => !repo.Private || Owns(caller, repo);

    public static bool Owns(SandboxCaller? caller, Repo repo) => caller is not null && string.Equals(caller.User, repo.Namespace, StringComparison.OrdinalIgnoreCase);

    /// <summary>The repo when the caller may read it; otherwise writes the Hub's answer and returns null.</summary>
    public static async Task<Repo?> ReadableAsync(HttpContext context, SandboxServices services, RepoKind kind, string id)
    {
        var caller = Caller(context, services);
        var repo = services.Repos.Find(kind, id);
        if (repo is not null && CanRead(caller, repo))
        {
            return repo;
        }

        await NotFoundAsync(context, caller).ConfigureAwait(false);
        return null;
    }

    /// <summary>The repo when the caller may write to it; otherwise writes the Hub's answer and returns null.</summary>
    public static async Task<Repo?> WritableAsync(HttpContext context, SandboxServices services, RepoKind kind, string id)
    {
        var repo = await ReadableAsync(context, services, kind, id).ConfigureAwait(false);
        if (repo is null)
        {
            return null;
        }

        var caller = Caller(context, services);
        if (caller is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status401Unauthorized, "You must be authenticated to write to " + repo.Id).ConfigureAwait(false);
            return null;
        }

        if (!Owns(caller, repo) || !caller.CanWrite)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status403Forbidden, $"You don't have the rights to write to {repo.Kind.Wire()} {repo.Id}{(caller.CanWrite ? "" : " (read-only token)")}").ConfigureAwait(false);
            return null;
        }

        return repo;
    }

    public static Task NotFoundAsync(HttpContext context, SandboxCaller? caller)
        => SandboxHttp.ErrorAsync(context, caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status404NotFound, NotFoundMessage, "RepoNotFound");
}
