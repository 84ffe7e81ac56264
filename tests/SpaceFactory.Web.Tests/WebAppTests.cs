using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpaceFactory.Web.Auth;
using SpaceFactory.Web.Pages.Runs;
using SpaceFactory.Web.Runs;

namespace SpaceFactory.Web.Tests;

/// <summary>The web orchestrator over HTTP against a Sandbox: sign-in, launches as Jobs, isolation, refusals, cookies, secrets.</summary>
[TestFixture]
[NonParallelizable]
public sealed partial class WebAppTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private WebHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await WebHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private async Task<(WebSession Session, string RunPath)> LaunchJobSmokeAsync(string user)
    {
        var session = new WebSession(_host.BaseUrl);
        await session.SignInAsync(user);
        var token = await session.AntiforgeryTokenAsync("/runs/new");
        using var launch = await session.PostFormAsync("/runs/new?handler=Smoke", new Dictionary<string, string> { ["Recipe"] = "job-smoke", ["__RequestVerificationToken"] = token });
        Assert.That(launch.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await launch.Content.ReadAsStringAsync());
        var runPath = launch.Headers.Location!.ToString();
        Assert.That(runPath, Does.Match("^/runs/[0-9A-Za-z_-]+$"));
        return (session, runPath);
    }

    private RunEntry Entry(string runPath) =>
        _host.App.Services.GetRequiredService<RunIndex>().ListFor(SubOf(runPath)).Single(e => runPath.EndsWith(e.RunId.Value, StringComparison.Ordinal));

    private string SubOf(string runPath)
    {
        var index = _host.App.Services.GetRequiredService<RunIndex>();
        foreach (var user in new[] { "alice", "bob" })
        {
            var sub = _host.Sandbox.Inspector.GetUserId(user);
            if (index.ListFor(sub).Any(e => runPath.EndsWith(e.RunId.Value, StringComparison.Ordinal)))
            {
                return sub;
            }
        }

        throw new AssertionException("no owner for " + runPath);
    }

    [Test]
    public async Task A_job_smoke_run_is_launched_as_a_job_with_the_token_as_its_only_secret_and_followed_to_its_outcome()
    {
        var (session, runPath) = await LaunchJobSmokeAsync("alice");
        using var _ = session;
        var entry = Entry(runPath);
        await entry.Completion.WaitAsync(RunTimeout);
        Assert.That(entry.LaunchError, Is.Null);
        Assert.That(entry.Result!.Succeeded, Is.True, entry.Result.Outcome?.Reason);

        using var page = await session.GetAsync(runPath);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("data-ended=\"true\"").And.Contain(">succeeded<").And.Contain("token_checked").And.Contain("/files/report.md"));
        Assert.That(html, Does.Contain($"/jobs/alice/{entry.JobId}"), "links to the Job page");

        using var report = await session.GetAsync(runPath + "/files/report.md");
        Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(report.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
        Assert.That(await report.Content.ReadAsStringAsync(), Does.Contain("job-smoke"));

        using var hub = new HttpClient { BaseAddress = _host.Sandbox.Endpoint };
        hub.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _host.Sandbox.IssueToken("alice"));
        var job = System.Text.Json.Nodes.JsonNode.Parse(await hub.GetStringAsync(new Uri($"/api/jobs/alice/{entry.JobId}", UriKind.Relative)))!;
        Assert.That(job["secrets"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "HF_TOKEN" }));
        Assert.That(job["labels"]!["spacefactory-run"]!.GetValue<string>(), Is.EqualTo(entry.RunId.Value));
        Assert.That(job["dockerImage"]!.GetValue<string>(), Is.EqualTo(Hosting.WebSettings.SandboxWorkerImage));
    }

    [Test]
    public async Task Another_users_run_id_answers_404_on_the_page_the_fragment_and_the_files()
    {
        var (alice, runPath) = await LaunchJobSmokeAsync("alice");
        using var _ = alice;
        using var bob = new WebSession(_host.BaseUrl);
        await bob.SignInAsync("bob");

        foreach (var path in new[] { runPath, runPath + "?handler=Fragment", runPath + "/files/report.md", runPath + "/files/state.json" })
        {
            using var response = await bob.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
        }

        using var home = await bob.GetAsync("/");
        Assert.That(await home.Content.ReadAsStringAsync(), Does.Not.Contain(runPath));
        using var own = await alice.GetAsync(runPath);
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Entry(runPath).Completion.WaitAsync(RunTimeout);
    }

    [Test]
    public async Task An_unknown_run_id_answers_404_and_an_anonymous_visitor_is_sent_to_sign_in()
    {
        using var session = new WebSession(_host.BaseUrl);
        using var anonymous = await session.SendAsync(HttpMethod.Get, "/runs/new");
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(anonymous.Headers.Location!.AbsolutePath, Is.EqualTo("/oauth/authorize"));
        Assert.That(anonymous.Headers.Location.Query, Does.Contain("code_challenge_method=S256").And.Contain("state=").And.Contain("scope=openid%20profile"));

        await session.SignInAsync("alice");
        using var missing = await session.GetAsync("/runs/20260101T000000Z-nothere");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_form_post_without_the_antiforgery_token_is_rejected_and_launches_nothing()
    {
        using var session = new WebSession(_host.BaseUrl);
        await session.SignInAsync("bob");
        var before = _host.Sandbox.Inspector.JobCount;
        using var response = await session.PostFormAsync("/runs/new?handler=Smoke", new Dictionary<string, string> { ["Recipe"] = "job-smoke" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var signOut = await session.PostFormAsync("/SignOut", new Dictionary<string, string>());
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(_host.Sandbox.Inspector.JobCount, Is.EqualTo(before));
    }

    [Test]
    public async Task The_session_cookie_is_httponly_lax_and_holds_only_a_key_and_no_page_or_log_shows_a_token()
    {
        var (session, runPath) = await LaunchJobSmokeAsync("alice");
        using var _ = session;
        await Entry(runPath).Completion.WaitAsync(RunTimeout);
        using (await session.GetAsync(runPath))
        using (await session.GetAsync(runPath + "?handler=Fragment"))
        using (await session.GetAsync("/"))
        {
        }

        var auth = session.SetCookieHeaders.Single(h => h.StartsWith(SignInSetup.CookieName + "=", StringComparison.Ordinal));
        Assert.That(auth, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=lax").IgnoreCase);
        Assert.That(auth.Split(';')[0].Length, Is.LessThan(1000), "the cookie carries a ticket key, not the tokens");
        var antiforgery = session.SetCookieHeaders.First(h => h.StartsWith("__spacefactory_af=", StringComparison.Ordinal));
        Assert.That(antiforgery, Does.Contain("httponly").IgnoreCase);

        Assert.That(session.Pages, Has.Count.GreaterThan(3));
        foreach (var html in session.Pages)
        {
            Assert.That(TokenLike().IsMatch(html), Is.False, "a page shows something shaped like a token or a JWT");
        }

        Assert.That(_host.Logs.Where(l => TokenLike().IsMatch(l)), Is.Empty);
        Assert.That(_host.Logs, Has.Some.Contains("Launching run"));
    }

    [Test]
    public async Task Outside_development_the_cookies_are_secure_and_the_ticket_lives_on_the_server()
    {
        await using var production = await WebHost.StartAsync(environment: "Production");
        var options = production.App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.That(options.Cookie.SecurePolicy, Is.EqualTo(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always));
        Assert.That(options.Cookie.HttpOnly, Is.True);
        Assert.That(options.Cookie.SameSite, Is.EqualTo(Microsoft.AspNetCore.Http.SameSiteMode.Lax));
        Assert.That(options.ExpireTimeSpan, Is.EqualTo(TimeSpan.FromHours(8)));
        Assert.That(options.SessionStore, Is.TypeOf<MemoryTicketStore>());

        using var session = new WebSession(production.BaseUrl);
        using var challenge = await session.SendAsync(HttpMethod.Get, "/signin");
        var correlation = session.SetCookieHeaders.First(h => h.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal));
        Assert.That(correlation, Does.Contain("secure").IgnoreCase.And.Contain("httponly").IgnoreCase.And.Contain("samesite=lax").IgnoreCase);
    }

    [Test]
    public async Task Without_the_jobs_scope_a_launch_is_refused_with_a_message_saying_so()
    {
        await using var limited = await WebHost.StartAsync(grantedScopes: new HashSet<string>(StringComparer.Ordinal) { "read-repos", "write-repos", "manage-repos" });
        using var session = new WebSession(limited.BaseUrl);
        await session.SignInAsync("alice");
        using var home = await session.GetAsync("/");
        Assert.That(await home.Content.ReadAsStringAsync(), Does.Contain("id=\"scope-warning\""));

        var token = await session.AntiforgeryTokenAsync("/runs/new");
        using var response = await session.PostFormAsync("/runs/new?handler=ModelCard", new Dictionary<string, string> { ["Model"] = "sshleifer/tiny-gpt2", ["__RequestVerificationToken"] = token });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("&#x27;jobs&#x27; scope").Or.Contain("'jobs' scope"));
        Assert.That(NewRunModel.JobsScopeRefusal, Does.Contain("'jobs' scope"));
        Assert.That(limited.Sandbox.Inspector.JobCount, Is.Zero);
        Assert.That(limited.App.Services.GetRequiredService<RunIndex>().ListFor(limited.Sandbox.Inspector.GetUserId("alice")), Is.Empty);
    }

    [Test]
    public async Task The_private_space_smoke_deploys_a_space_that_the_validate_workflow_then_validates()
    {
        using var session = new WebSession(_host.BaseUrl);
        await session.SignInAsync("alice");
        var smoke = await LaunchAsync(session, "Smoke", new Dictionary<string, string> { ["Recipe"] = "private-space" });
        Assert.That(smoke.Result!.Succeeded, Is.True, smoke.Result.Outcome?.Reason);
        using (var page = await session.GetAsync($"/runs/{smoke.RunId.Value}"))
        {
            Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("/settings").And.Contain("id=\"space-link\""));
        }

        var space = await TargetAsync(session, smoke);
        Assert.That(space, Does.StartWith("alice/"));

        var validate = await LaunchAsync(session, "Validate", new Dictionary<string, string> { ["ValidateSpace"] = space!, ["Calls"] = "2" });
        Assert.That(validate.Recipe, Is.EqualTo("validate-space"));
        Assert.That(validate.Result!.Succeeded, Is.True, validate.Result.Outcome?.Reason);

        // The page of the validation: latencies, the ZeroGPU duration with its rule, and links to its Job, the Space and its settings.
        using var validated = await session.GetAsync($"/runs/{validate.RunId.Value}");
        var html = await validated.Content.ReadAsStringAsync();
        var summary = html[html.IndexOf("id=\"run-validation-summary\"", StringComparison.Ordinal)..];
        Assert.Multiple(() =>
        {
            Assert.That(summary, Does.Contain("cold ").And.Contain("p50 ").And.Contain("p95 "));
            Assert.That(summary, Does.Contain("recommended ZeroGPU duration: @spaces.GPU(duration=").And.Contain("max(p95"));
            Assert.That(html, Does.Contain($"/spaces/{space}\"").And.Contain($"/spaces/{space}/settings\""), "the Space and its settings");
            Assert.That(html, Does.Contain(">Job page</a>"), "the validation Job");
        });
    }

    private async Task<RunEntry> LaunchAsync(WebSession session, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await session.AntiforgeryTokenAsync("/runs/new");
        using var launch = await session.PostFormAsync($"/runs/new?handler={handler}", fields);
        Assert.That(launch.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await launch.Content.ReadAsStringAsync());
        var entry = Entry(launch.Headers.Location!.ToString());
        await entry.Completion.WaitAsync(RunTimeout);
        return entry;
    }

    /// <summary>The run's target, read from its <c>state.json</c> as the owner sees it.</summary>
    private static async Task<string?> TargetAsync(WebSession session, RunEntry entry)
    {
        using var response = await session.GetAsync($"/runs/{entry.RunId.Value}/files/state.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return json["target"]?.GetValue<string>();
    }

    [Test]
    public async Task A_refused_sign_in_comes_back_home_with_a_message()
    {
        using var session = new WebSession(_host.BaseUrl);
        using var home = await session.GetAsync("/signin?user=mallory"); // not a user of the Sandbox: access_denied
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await home.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("id=\"signin-failed\"").And.Contain("id=\"sign-in\""));
    }

    [Test]
    public async Task A_launch_with_a_missing_required_field_is_refused_with_a_message_and_starts_no_job()
    {
        using var session = new WebSession(_host.BaseUrl);
        await session.SignInAsync("bob");
        var before = _host.Sandbox.Inspector.JobCount;
        foreach (var (handler, message) in new[] { ("Validate", "Give the Space to validate"), ("ModelCard", "Give a model id") })
        {
            var token = await session.AntiforgeryTokenAsync("/runs/new");
            using var response = await session.PostFormAsync($"/runs/new?handler={handler}", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(message));
        }

        Assert.That(_host.Sandbox.Inspector.JobCount, Is.EqualTo(before));
    }

    // hf_… tokens of any kind, or a JWT (the ID token).
    [GeneratedRegex(@"\bhf_[A-Za-z0-9_]{8,}|eyJ[A-Za-z0-9_-]{10,}\.", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex TokenLike();
}
