namespace SpaceFactory.Sandbox.Auth;

/// <summary>Who sent a request: the user behind a token the Sandbox issued, and that token's role.</summary>
internal sealed record SandboxCaller(string User, string UserId, SandboxTokenRole Role, string TokenName, DateTimeOffset TokenCreatedAt)
{
    /// <summary>True when the token may write.</summary>
    public bool CanWrite => Role == SandboxTokenRole.Write;

    /// <summary>The OAuth scopes of an access token from the Sandbox's OAuth provider; null for a classic token (no scope limits).</summary>
    public IReadOnlySet<string>? Scopes { get; init; }

    /// <summary>True when the token may use <paramref name="scope"/>: classic tokens may use everything.</summary>
    public bool HasScope(string scope) => Scopes is null || Scopes.Contains(scope);
}
