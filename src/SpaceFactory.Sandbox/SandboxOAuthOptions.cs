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
