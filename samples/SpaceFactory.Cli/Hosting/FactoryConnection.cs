namespace SpaceFactory.Cli.Hosting;

/// <summary>Which Hub the factory talks to and with which token.</summary>
/// <param name="Endpoint">The Hub (or Sandbox) URL.</param>
/// <param name="Token">The token (never printed).</param>
/// <param name="IsSandbox">Whether it is the built-in Sandbox (simulated Spaces, short waits).</param>
internal sealed record FactoryConnection(Uri Endpoint, string? Token, bool IsSandbox)
{
    /// <summary>The clients' settings for this connection.</summary>
    public Hf.HfClientOptions ToOptions() => new() { Endpoint = Endpoint, Token = Token };

    /// <inheritdoc />
    public override string ToString() => $"{Endpoint} ({(IsSandbox ? "Sandbox" : "Hub")}, token {(Token is null ? "none" : "set")})";
}
