using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Auth;

/// <summary>
/// "Sign in with Hugging Face" as an OpenID Connect provider: discovery, authorize (automatic consent for a configured
/// Sandbox user), token (authorization code with PKCE S256 and a client secret), userinfo and the JWK set. Access
/// tokens it issues are ordinary Sandbox tokens limited to the granted scopes.
/// </summary>
internal sealed class OAuthEndpoints(SandboxServices services)
{
    /// <summary>Scopes the Hub documents; others are dropped from a grant.</summary>
    private static readonly string[] KnownScopes =
    [
        "openid", "profile", "email", "read-billing", "read-memberships", "read-repos", "gated-repos", "contribute-repos", "write-repos",
        "manage-repos", "read-collections", "write-collections", "inference-api", "read-endpoints", "write-endpoints", "jobs", "webhooks",
        "write-discussions",
    ];

    private readonly IdTokenSigner _signer = new();
    private readonly AuthorizationCodes _codes = new(services.TimeProvider);

    private SandboxOAuthOptions Options => services.Options.OAuth;

    public void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", context => SandboxHttp.WriteNodeAsync(context, Discovery()));
        var oauth = app.MapGroup("/oauth");
        oauth.MapGet("/jwks", context => SandboxHttp.WriteNodeAsync(context, _signer.Jwks()));
        oauth.MapGet("/authorize", AuthorizeAsync);
        oauth.MapPost("/token", TokenAsync);
        oauth.MapMethods("/userinfo", ["GET", "POST"], UserInfoAsync);
    }

    private JsonObject Discovery() => new()
    {
        ["issuer"] = services.BaseUrl,
        ["authorization_endpoint"] = services.Url("/oauth/authorize"),
        ["token_endpoint"] = services.Url("/oauth/token"),
        ["userinfo_endpoint"] = services.Url("/oauth/userinfo"),
        ["jwks_uri"] = services.Url("/oauth/jwks"),
        ["response_types_supported"] = new JsonArray("code"),
        ["grant_types_supported"] = new JsonArray("authorization_code"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["code_challenge_methods_supported"] = new JsonArray("S256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post"),
        ["scopes_supported"] = new JsonArray([.. KnownScopes.Select(s => (JsonNode)s)]),
        ["claims_supported"] = new JsonArray("sub", "name", "preferred_username", "profile", "picture", "nonce", "at_hash"),
    };

    /// <summary>Exactly a registered URI, or a loopback one that differs only by its port (RFC 8252 §7.3).</summary>
    private bool IsRegistered(string clientId, Uri redirect) =>
        Options.RedirectUris.TryGetValue(clientId, out var registered) && registered.Any(text =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) &&
            (string.Equals(uri.AbsoluteUri, redirect.AbsoluteUri, StringComparison.Ordinal) ||
             (uri.IsLoopback && redirect.IsLoopback && string.Equals(uri.Scheme, redirect.Scheme, StringComparison.Ordinal) &&
              string.Equals(uri.IdnHost, redirect.IdnHost, StringComparison.OrdinalIgnoreCase) &&
              string.Equals(uri.PathAndQuery, redirect.PathAndQuery, StringComparison.Ordinal))));

    private async Task AuthorizeAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string clientId = query["client_id"].ToString(), redirectUri = query["redirect_uri"].ToString();
        if (!Options.Clients.ContainsKey(clientId))
        {
            await SandboxHttp.WriteTextAsync(context, $"Unknown OAuth client '{clientId}'", StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect) || redirect.Scheme is not ("http" or "https"))
        {
            await SandboxHttp.WriteTextAsync(context, "redirect_uri must be an absolute http(s) URL", StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        if (!IsRegistered(clientId, redirect))
        {
            var registered = Options.RedirectUris.TryGetValue(clientId, out var uris) && uris.Count > 0 ? string.Join(", ", uris) : "none";
            await SandboxHttp.WriteTextAsync(context, $"redirect_uri '{redirectUri}' is not registered for the OAuth client '{clientId}' (registered: {registered}); register the app's callback URL with its OAuth client, as on the Hub", StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        var state = query["state"].ToString();
        var challenge = query["code_challenge"].ToString();
        var problem = !string.Equals(query["response_type"], "code", StringComparison.Ordinal) ? ("unsupported_response_type", "response_type must be code")
            : challenge.Length > 0 && !string.Equals(query["code_challenge_method"], "S256", StringComparison.Ordinal) ? ("invalid_request", "code_challenge_method must be S256")
            : default((string, string)?);
        if (problem is var (error, description))
        {
            context.Response.Redirect(WithQuery(redirectUri, ("error", error), ("error_description", description), ("state", state)));
            return;
        }

        var users = Options.Users.Count > 0 ? Options.Users : [services.Options.DefaultUser];
        var hint = query["login_hint"].ToString();
        string user;
        if (hint.Length > 0)
        {
            if (!users.Contains(hint, StringComparer.OrdinalIgnoreCase))
            {
                context.Response.Redirect(WithQuery(redirectUri, ("error", "access_denied"), ("error_description", $"'{hint}' is not a user of this Sandbox"), ("state", state)));
                return;
            }

            user = users.First(u => string.Equals(u, hint, StringComparison.OrdinalIgnoreCase));
        }
        else if (users.Count == 1)
        {
            user = users[0];
        }
        else
        {
            await ChooserAsync(context, users).ConfigureAwait(false);
            return;
        }

        var scopes = Grant(query["scope"].ToString());
        var nonce = query["nonce"].ToString();
        var code = _codes.Issue(clientId, redirectUri, user, scopes, nonce.Length > 0 ? nonce : null, challenge.Length > 0 ? challenge : null);
        context.Response.Redirect(WithQuery(redirectUri, ("code", code), ("state", state)));
    }

    /// <summary>A consent page with one link per user (the same request plus <c>login_hint</c>).</summary>
    private static Task ChooserAsync(HttpContext context, IEnumerable<string> users)
    {
        var html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Sign in to the SpaceFactory Sandbox</title></head><body>");
        html.Append("<h1>Sign in to the SpaceFactory Sandbox</h1><p>Choose who you are. The app gets a Sandbox access token for the scopes it asked for.</p><ul>");
        foreach (var user in users)
        {
            var href = context.Request.Path + context.Request.QueryString.Add("login_hint", user).ToUriComponent();
            html.Append(CultureInfo.InvariantCulture, $"<li><a class=\"sandbox-user\" href=\"{WebUtility.HtmlEncode(href)}\">Sign in as {WebUtility.HtmlEncode(user)}</a></li>");
        }

        html.Append("</ul></body></html>");
        return SandboxHttp.WriteTextAsync(context, html.ToString(), contentType: "text/html; charset=utf-8");
    }

    private HashSet<string> Grant(string requested)
    {
        var scopes = new HashSet<string>(requested.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal) { "openid", "profile" };
        scopes.IntersectWith(KnownScopes);
        if (Options.GrantedScopes is { } allowed)
        {
            scopes.RemoveWhere(s => !allowed.Contains(s) && s is not ("openid" or "profile"));
        }

        return scopes;
    }

    private async Task TokenAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request", "The body must be application/x-www-form-urlencoded").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var (clientId, secret) = ClientCredentials(context.Request, form);
        if (clientId is null || !Options.Clients.TryGetValue(clientId, out var expected) || secret is null || !FixedEquals(secret, expected))
        {
            await OAuthErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_client", "Unknown client or wrong client secret").ConfigureAwait(false);
            return;
        }

        if (!string.Equals(form["grant_type"], "authorization_code", StringComparison.Ordinal))
        {
            await OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "unsupported_grant_type", "Only authorization_code is supported").ConfigureAwait(false);
            return;
        }

        var pending = _codes.Redeem(form["code"].ToString());
        var problem = pending is null ? "The code is unknown, expired or already used"
            : !string.Equals(pending.ClientId, clientId, StringComparison.Ordinal) ? "The code was issued to another client"
            : !string.Equals(pending.RedirectUri, form["redirect_uri"], StringComparison.Ordinal) ? "redirect_uri does not match the authorize request"
            : pending.CodeChallenge is { } challenge && !FixedEquals(IdTokenSigner.S256(form["code_verifier"].ToString()), challenge) ? "code_verifier does not match the code_challenge (PKCE S256)"
            : null;
        if (problem is not null)
        {
            await OAuthErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_grant", problem).ConfigureAwait(false);
            return;
        }

        var accessToken = services.Tokens.IssueOAuth(pending!.User, pending.Scopes);
        var now = services.TimeProvider.GetUtcNow();
        var claims = UserClaims(pending.User);
        claims["iss"] = services.BaseUrl;
        claims["aud"] = clientId;
        claims["iat"] = now.ToUnixTimeSeconds();
        claims["exp"] = (now + Options.TokenLifetime).ToUnixTimeSeconds();
        claims["at_hash"] = IdTokenSigner.AccessTokenHash(accessToken);
        if (pending.Nonce is { } nonce)
        {
            claims["nonce"] = nonce;
        }

        context.Response.Headers.CacheControl = "no-store";
        await SandboxHttp.WriteNodeAsync(context, new JsonObject
        {
            ["access_token"] = accessToken,
            ["token_type"] = "bearer",
            ["expires_in"] = (long)Options.TokenLifetime.TotalSeconds,
            ["id_token"] = _signer.Sign(claims),
            ["scope"] = string.Join(' ', pending.Scopes.Order(StringComparer.Ordinal)),
        }).ConfigureAwait(false);
    }

    private async Task UserInfoAsync(HttpContext context)
    {
        var caller = services.Tokens.Authenticate(context.Request).Caller;
        if (caller?.Scopes is null)
        {
            await OAuthErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_token", "userinfo needs an OAuth access token").ConfigureAwait(false);
            return;
        }

        var info = UserClaims(caller.User);
        info["isPro"] = false;
        info["orgs"] = new JsonArray();
        await SandboxHttp.WriteNodeAsync(context, info).ConfigureAwait(false);
    }

    private JsonObject UserClaims(string user) => new()
    {
        ["sub"] = services.Tokens.UserId(user),
        ["name"] = user,
        ["preferred_username"] = user,
        ["profile"] = services.Url("/" + Uri.EscapeDataString(user)),
        ["picture"] = services.Url("/avatars/" + Uri.EscapeDataString(user) + ".svg"),
    };

    /// <summary>client_secret_basic (the Hub's way for Spaces) or client_secret_post.</summary>
    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? (null, null) : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (form["client_id"].FirstOrDefault(), form["client_secret"].FirstOrDefault());
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static Task OAuthErrorAsync(HttpContext context, int status, string error, string description) =>
        SandboxHttp.WriteNodeAsync(context, new JsonObject { ["error"] = error, ["error_description"] = description }, status);

    private static string WithQuery(string url, params (string Name, string Value)[] pairs)
    {
        var builder = new StringBuilder(url);
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in pairs.Where(p => p.Value.Length > 0))
        {
            builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return builder.ToString();
    }
}
