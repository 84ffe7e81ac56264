using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>The Sandbox's OpenID Connect provider: code flow with PKCE, client secrets, signed ID tokens, scoped access tokens.</summary>
[TestFixture]
public sealed class OAuthTests
{
    private const string ClientId = "web-client";
    private const string ClientSecret = "web-secret";
    private const string Redirect = "http://127.0.0.1:5555/signin-oidc";
    private const string Verifier = "a-verifier-of-enough-length-0123456789abcdefghijklmnop";

    private HfSandbox _sandbox = null!;
    private HttpClient _http = null!;

    [TearDown]
    public async Task TearDownAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    private async Task StartAsync(Action<SandboxOAuthOptions>? configure = null)
    {
        var options = new HfSandboxOptions { CompileCheck = false, SeedModels = false };
        options.OAuth.Clients[ClientId] = ClientSecret;
        options.OAuth.RedirectUris[ClientId] = [Redirect];
        configure?.Invoke(options.OAuth);
        _sandbox = await HfSandbox.StartAsync(options);
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _sandbox.Endpoint };
    }

    private static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<HttpResponseMessage> AuthorizeAsync(string scope = "openid profile write-repos jobs", string? loginHint = null, string redirect = Redirect)
    {
        var url = $"/oauth/authorize?client_id={ClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(redirect)}&scope={Uri.EscapeDataString(scope)}"
            + $"&state=st4te&nonce=n0nce&code_challenge={Challenge(Verifier)}&code_challenge_method=S256"
            + (loginHint is null ? "" : "&login_hint=" + loginHint);
        return await _http.GetAsync(new Uri(url, UriKind.Relative));
    }

    private static Dictionary<string, string> RedirectQuery(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var location = response.Headers.Location!;
        Assert.That(location.GetLeftPart(UriPartial.Path), Is.EqualTo(Redirect));
        return location.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
    }

    private async Task<HttpResponseMessage> ExchangeAsync(string code, string verifier = Verifier, string secret = ClientSecret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Redirect, ["code_verifier"] = verifier,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{secret}")));
        return await _http.SendAsync(request);
    }

    private async Task<JsonNode> SignInAsync(string scope = "openid profile write-repos jobs", string? loginHint = null)
    {
        var query = RedirectQuery(await AuthorizeAsync(scope, loginHint));
        Assert.That(query["state"], Is.EqualTo("st4te"));
        using var response = await ExchangeAsync(query["code"]);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<HttpResponseMessage> GetWithTokenAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    [Test]
    public async Task Discovery_names_the_endpoints_on_the_sandbox_origin()
    {
        await StartAsync();
        var doc = JsonNode.Parse(await _http.GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative)))!;
        var origin = _sandbox.Endpoint.ToString().TrimEnd('/');
        Assert.That(doc["issuer"]!.GetValue<string>(), Is.EqualTo(origin));
        Assert.That(doc["authorization_endpoint"]!.GetValue<string>(), Is.EqualTo(origin + "/oauth/authorize"));
        Assert.That(doc["token_endpoint"]!.GetValue<string>(), Is.EqualTo(origin + "/oauth/token"));
        Assert.That(doc["userinfo_endpoint"]!.GetValue<string>(), Is.EqualTo(origin + "/oauth/userinfo"));
        var jwks = JsonNode.Parse(await _http.GetStringAsync(new Uri(doc["jwks_uri"]!.GetValue<string>())))!;
        Assert.That(jwks["keys"]![0]!["kty"]!.GetValue<string>(), Is.EqualTo("RSA"));
    }

    [Test]
    public async Task Code_flow_with_pkce_issues_a_scoped_token_that_works_on_the_hub_and_a_signed_id_token()
    {
        await StartAsync();
        var tokens = await SignInAsync();
        var accessToken = tokens["access_token"]!.GetValue<string>();
        Assert.That(accessToken, Does.StartWith("hf_oauth_"));
        Assert.That(tokens["token_type"]!.GetValue<string>(), Is.EqualTo("bearer"));
        Assert.That(tokens["scope"]!.GetValue<string>().Split(' '), Is.EquivalentTo(new[] { "jobs", "openid", "profile", "write-repos" }));

        using var whoami = await GetWithTokenAsync("/api/whoami-v2", accessToken);
        Assert.That(whoami.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JsonNode.Parse(await whoami.Content.ReadAsStringAsync())!["name"]!.GetValue<string>(), Is.EqualTo("sandbox-user"));
        using var userinfo = await GetWithTokenAsync("/oauth/userinfo", accessToken);
        Assert.That(JsonNode.Parse(await userinfo.Content.ReadAsStringAsync())!["preferred_username"]!.GetValue<string>(), Is.EqualTo("sandbox-user"));

        var parts = tokens["id_token"]!.GetValue<string>().Split('.');
        var claims = JsonNode.Parse(Base64UrlDecode(parts[1]))!;
        Assert.That(claims["aud"]!.GetValue<string>(), Is.EqualTo(ClientId));
        Assert.That(claims["nonce"]!.GetValue<string>(), Is.EqualTo("n0nce"));
        Assert.That(claims["iss"]!.GetValue<string>(), Is.EqualTo(_sandbox.Endpoint.ToString().TrimEnd('/')));
        var key = JsonNode.Parse(await _http.GetStringAsync(new Uri("/oauth/jwks", UriKind.Relative)))!["keys"]![0]!;
        using var rsa = RSA.Create(new RSAParameters { Modulus = Base64UrlDecode(key["n"]!.GetValue<string>()), Exponent = Base64UrlDecode(key["e"]!.GetValue<string>()) });
        Assert.That(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True);
    }

    [Test]
    public async Task A_wrong_verifier_a_reused_code_and_a_wrong_secret_are_refused()
    {
        await StartAsync();
        var code = RedirectQuery(await AuthorizeAsync())["code"];
        using (var wrongSecret = await ExchangeAsync(code, secret: "nope"))
        {
            Assert.That(wrongSecret.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await wrongSecret.Content.ReadAsStringAsync(), Does.Contain("invalid_client"));
        }

        using (var wrongVerifier = await ExchangeAsync(code, verifier: "another-verifier-that-does-not-match-the-challenge-000"))
        {
            Assert.That(wrongVerifier.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await wrongVerifier.Content.ReadAsStringAsync(), Does.Contain("invalid_grant").And.Contain("PKCE"));
        }

        var fresh = RedirectQuery(await AuthorizeAsync())["code"];
        using (var first = await ExchangeAsync(fresh))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var second = await ExchangeAsync(fresh);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a code is single-use");
    }

    [Test]
    public async Task Configured_scopes_cap_the_grant_and_a_token_without_jobs_cannot_run_jobs()
    {
        await StartAsync(o => o.GrantedScopes = new HashSet<string> { "read-repos", "write-repos" });
        var tokens = await SignInAsync();
        Assert.That(tokens["scope"]!.GetValue<string>().Split(' '), Is.EquivalentTo(new[] { "openid", "profile", "write-repos" }));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs/sandbox-user")
        {
            Content = new StringContent("""{"dockerImage":"python:3.12","command":["true"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens["access_token"]!.GetValue<string>());
        using var response = await _http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("jobs"));
    }

    [Test]
    public async Task With_several_users_a_chooser_is_shown_and_login_hint_picks_one()
    {
        await StartAsync(o =>
        {
            o.Users.Add("alice");
            o.Users.Add("bob");
        });
        using var chooser = await AuthorizeAsync();
        Assert.That(chooser.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await chooser.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("Sign in as alice").And.Contain("Sign in as bob").And.Contain("login_hint=bob"));

        var tokens = await SignInAsync(loginHint: "bob");
        using var userinfo = await GetWithTokenAsync("/oauth/userinfo", tokens["access_token"]!.GetValue<string>());
        Assert.That(JsonNode.Parse(await userinfo.Content.ReadAsStringAsync())!["preferred_username"]!.GetValue<string>(), Is.EqualTo("bob"));

        var denied = RedirectQuery(await AuthorizeAsync(loginHint: "mallory"));
        Assert.That(denied["error"], Is.EqualTo("access_denied"));
    }

    [Test]
    public async Task Userinfo_refuses_a_classic_token()
    {
        await StartAsync();
        using var response = await GetWithTokenAsync("/oauth/userinfo", _sandbox.DefaultToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    [TestCase("http://127.0.0.1:5555/signin-huggingface", TestName = "A_callback_on_another_path_is_refused")]
    [TestCase("https://127.0.0.1:5555/signin-oidc", TestName = "A_callback_with_another_scheme_is_refused")]
    [TestCase("http://attacker.example/signin-oidc", TestName = "A_callback_on_another_host_is_refused")]
    public async Task An_unregistered_redirect_uri_is_refused_before_any_consent(string redirect)
    {
        await StartAsync();

        using var response = await AuthorizeAsync(redirect: redirect);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Location, Is.Null, "nothing is sent to an unregistered callback");
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"redirect_uri '{redirect}' is not registered for the OAuth client '{ClientId}' (registered: {Redirect})"));
    }

    [Test]
    public async Task A_loopback_callback_may_use_another_port()
    {
        await StartAsync();

        using var response = await AuthorizeAsync(redirect: "http://127.0.0.1:61234/signin-oidc");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo("http://127.0.0.1:61234/signin-oidc"));
    }
}
