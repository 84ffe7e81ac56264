using System.Security.Claims;

namespace SpaceFactory.Web.Auth;

/// <summary>What the app knows about the signed-in user, from the claims of the server-side ticket.</summary>
internal sealed record SignedInUser(string Id, string Name, IReadOnlySet<string> Scopes)
{
    /// <summary>The claim holding the scopes the provider granted (its token response's <c>scope</c>).</summary>
    public const string ScopeClaim = "granted_scope";

    /// <summary>Launching a run starts a Job: the token needs the <c>jobs</c> scope.</summary>
    public bool CanLaunch => Scopes.Contains("jobs");

    public static SignedInUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirst("sub")?.Value is not { Length: > 0 } id)
        {
            return null;
        }

        var name = principal.FindFirst("preferred_username")?.Value ?? principal.FindFirst("name")?.Value ?? id;
        var scopes = (principal.FindFirst(ScopeClaim)?.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new SignedInUser(id, name, scopes);
    }
}
