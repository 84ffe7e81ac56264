namespace SpaceFactory.Sandbox.Auth;

/// <summary>Who sent a request: the user behind a token the Sandbox issued, and that token's role.</summary>
internal sealed record SandboxCaller(string User, string UserId, SandboxTokenRole Role, string TokenName, DateTimeOffset TokenCreatedAt)
{
    /// <summary>True when the token may write.</summary>
    public bool CanWrite => Role == SandboxTokenRole.Write;
}
