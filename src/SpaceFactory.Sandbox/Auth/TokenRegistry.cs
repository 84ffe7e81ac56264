using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Auth;

/// <summary>The tokens the Sandbox issued and the users they belong to.</summary>
internal sealed class TokenRegistry(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, SandboxCaller> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _userIds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Issues a new token for <paramref name="user"/> (created on first use).</summary>
    public string Issue(string user, SandboxTokenRole role, string? token = null)
    {
        var value = token ?? HexIds.NewToken();
        var id = _userIds.GetOrAdd(user, static _ => HexIds.New(24));
        _tokens[value] = new SandboxCaller(user, id, role, "sandbox-" + role.ToString().ToLowerInvariant(), timeProvider.GetUtcNow());
        return value;
    }

    /// <summary>
    /// Issues an OAuth access token (<c>hf_oauth_…</c>) limited to <paramref name="scopes"/>: it may write when it holds
    /// <c>write-repos</c> or <c>manage-repos</c>.
    /// </summary>
    public string IssueOAuth(string user, IReadOnlySet<string> scopes)
    {
        var value = "hf_oauth_" + HexIds.NewToken()["hf_sandbox_".Length..];
        var id = UserId(user);
        var role = scopes.Contains("write-repos") || scopes.Contains("manage-repos") ? SandboxTokenRole.Write : SandboxTokenRole.Read;
        _tokens[value] = new SandboxCaller(user, id, role, "oauth-" + user, timeProvider.GetUtcNow()) { Scopes = scopes };
        return value;
    }

    /// <summary>The caller behind an issued token, or null.</summary>
    public SandboxCaller? Find(string token) => _tokens.TryGetValue(token, out var caller) ? caller : null;

    /// <summary>The id of a known user.</summary>
    public string UserId(string user) => _userIds.GetOrAdd(user, static _ => HexIds.New(24));

    /// <summary>
    /// Reads <c>Authorization: Bearer</c> (or <paramref name="alternateHeader"/>). Returns the caller (null when no
    /// token was sent) and whether a token was sent that the Sandbox did not issue.
    /// </summary>
    public (SandboxCaller? Caller, bool Invalid) Authenticate(HttpRequest request, string? alternateHeader = null)
    {
        var token = BearerToken(request.Headers.Authorization.ToString());
        if (token is null && alternateHeader is not null)
        {
            token = BearerToken(request.Headers[alternateHeader].ToString());
        }

        if (token is null)
        {
            return (null, false);
        }

        return _tokens.TryGetValue(token, out var caller) ? (caller, false) : (null, true);
    }

    private static string? BearerToken(string header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        const string Prefix = "Bearer ";
        var value = header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..] : header;
        value = value.Trim();
        return value.Length == 0 ? null : value;
    }
}
