using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SpaceFactory.Sandbox.Auth;

/// <summary>Single-use authorization codes (ten minutes, as OAuth recommends at most).</summary>
internal sealed class AuthorizationCodes(TimeProvider timeProvider)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);

    public string Issue(string clientId, string redirectUri, string user, IReadOnlySet<string> scopes, string? nonce, string? codeChallenge)
    {
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        _codes[code] = new PendingCode(clientId, redirectUri, user, scopes, nonce, codeChallenge, timeProvider.GetUtcNow() + Lifetime);
        return code;
    }

    /// <summary>Takes a code out (a second exchange of the same code fails); null when unknown or expired.</summary>
    public PendingCode? Redeem(string code) =>
        _codes.TryRemove(code, out var pending) && pending.ExpiresAt > timeProvider.GetUtcNow() ? pending : null;
}
