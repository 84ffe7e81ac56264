namespace SpaceFactory.Sandbox;

/// <summary>
/// The Sandbox's "Sign in with Hugging Face" provider (OpenID Connect, authorization code + PKCE): registered clients,
/// the users a person can sign in as, and the scopes it grants.
/// </summary>
public sealed class SandboxOAuthOptions
{
    /// <summary>Registered clients: client id → client secret. Empty (default): the provider rejects every client.</summary>
    public IDictionary<string, string> Clients { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The redirect URIs registered for each client (client id → URIs). As on the Hub, <c>/oauth/authorize</c> accepts
    /// only a registered one, compared exactly, so a deployment whose callback is wrong fails here, offline. One
    /// allowance, as RFC 8252 §7.3 asks of providers: for a loopback host (<c>127.0.0.1</c>, <c>[::1]</c>,
    /// <c>localhost</c>) the port is not compared, since a local app's port changes from start to start. A client
    /// without registered URIs is refused every redirect.
    /// </summary>
    public IDictionary<string, IList<string>> RedirectUris { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);

    /// <summary>
    /// The users offered on the consent page. Empty (default): only <see cref="HfSandboxOptions.DefaultUser"/>. With one
    /// user the provider consents at once; with several it shows a chooser unless the request names one in <c>login_hint</c>.
    /// </summary>
    public IList<string> Users { get; } = [];

    /// <summary>
    /// The scopes the provider grants at most (intersected with the requested ones), e.g. a set without <c>jobs</c> to
    /// test refusals. Null (default): every requested scope.
    /// </summary>
    public ISet<string>? GrantedScopes { get; set; }

    /// <summary>Lifetime of access tokens and ID tokens. Default 8 hours (a Space's default).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}
