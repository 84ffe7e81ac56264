namespace SpaceFactory.Sandbox;

/// <summary>The role of a token the Sandbox issues (the Hub's <c>auth.accessToken.role</c>).</summary>
public enum SandboxTokenRole
{
    /// <summary>Can read what its user can read; every write answers 403.</summary>
    Read,

    /// <summary>Can read and write in its user's namespace.</summary>
    Write,
}
