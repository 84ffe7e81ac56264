namespace SpaceFactory.Sandbox.Auth;

/// <summary>A code the authorize endpoint handed out, waiting to be exchanged once at the token endpoint.</summary>
internal sealed record PendingCode(
    string ClientId, string RedirectUri, string User, IReadOnlySet<string> Scopes, string? Nonce, string? CodeChallenge, DateTimeOffset ExpiresAt);
