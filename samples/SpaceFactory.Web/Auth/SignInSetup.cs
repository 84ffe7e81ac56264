using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SpaceFactory.Web.Hosting;

namespace SpaceFactory.Web.Auth;

/// <summary>
/// "Sign in with Hugging Face": the standard OpenID Connect handler (code flow, PKCE, state, nonce) with the tokens
/// saved in a server-side ticket, and an HttpOnly, SameSite=Lax session cookie of 8 hours that holds only the ticket's key.
/// </summary>
internal static class SignInSetup
{
    public const string CookieName = "__spacefactory";

    public static void AddHfSignIn(this IServiceCollection services, WebSettings settings, IHostEnvironment environment)
    {
        // Secure cookies everywhere but Development (the offline mode serves plain http on loopback).
        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddSingleton<ITicketStore, MemoryTicketStore>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = secure;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = false;
                o.AccessDeniedPath = "/";
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = settings.ProviderUrl.AbsoluteUri.TrimEnd('/');
                o.RequireHttpsMetadata = settings.ProviderUrl.Scheme == Uri.UriSchemeHttps;
                o.ClientId = settings.ClientId;
                o.ClientSecret = settings.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.ResponseMode = OpenIdConnectResponseMode.Query; // the Hub redirects back with ?code=…&state=…
                o.UsePkce = true;
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = "preferred_username";
                o.Scope.Clear();
                foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    o.Scope.Add(scope);
                }

                o.CallbackPath = "/signin-oidc";
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = secure;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = secure;
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    // Lets a person (or a test) pick the account on providers that honour login_hint.
                    if (context.Properties.Items.TryGetValue("login_hint", out var hint) && !string.IsNullOrEmpty(hint))
                    {
                        context.ProtocolMessage.LoginHint = hint;
                    }

                    return Task.CompletedTask;
                };
                o.Events.OnRemoteFailure = context =>
                {
                    // A refused consent or an expired sign-in attempt: back home with a message, not an error page.
                    context.Response.Redirect("/?signin=failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
                o.Events.OnTokenValidated = context =>
                {
                    // The granted scopes come with the token response, not in the ID token: keep them as a claim of the ticket.
                    var granted = context.TokenEndpointResponse?.Scope ?? "";
                    (context.Principal?.Identity as ClaimsIdentity)?.AddClaim(new Claim(SignedInUser.ScopeClaim, granted));
                    return Task.CompletedTask;
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<ITicketStore>((o, store) => o.SessionStore = store);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "__spacefactory_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
        });
    }
}
