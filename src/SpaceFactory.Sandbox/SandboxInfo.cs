namespace SpaceFactory.Sandbox;

/// <summary>Facts about the Sandbox build that hosts and tests can show.</summary>
internal static class SandboxInfo
{
    /// <summary>The name the Sandbox reports in its <c>Server</c> header and logs.</summary>
    public const string ProductName = "SpaceFactory.Sandbox";
}
