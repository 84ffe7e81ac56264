using System.Net;
using System.Net.Http.Headers;

namespace SpaceFactory.Sandbox.Tests.Gradio;

/// <summary>
/// The per-Space app server on route groups: each Gradio version's API answers only under its own prefix, and a
/// path or method no Gradio route has answers Starlette's 404 body (never ASP.NET's 405 or an empty body).
/// </summary>
[TestFixture]
public sealed class GradioRouteGroupTests
{
    private const string StarletteNotFound = """{"detail":"Not Found"}""";
    private HfSandbox _sandbox = null!;
    private HttpClient _app6 = null!;
    private HttpClient _app4 = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero, CompileCheck = false });
        using var hub = new SandboxTestClient(_sandbox, _sandbox.DefaultToken);
        _app6 = await StartAsync(hub, "groups6", "6.25.0", timeout.Token);
        _app4 = await StartAsync(hub, "groups4", "4.44.1", timeout.Token);
    }

    private async Task<HttpClient> StartAsync(SandboxTestClient hub, string name, string version, CancellationToken ct)
    {
        await hub.CreateRepoAsync(name);
        await hub.CommitAsync("sandbox-user/" + name, SandboxApps.Files(version));
        Assert.That(await _sandbox.Inspector.WaitForSpaceSettledAsync("sandbox-user/" + name, ct), Is.EqualTo("RUNNING"));
        var client = new HttpClient { BaseAddress = _sandbox.Inspector.GetSpaceHost("sandbox-user/" + name) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _sandbox.DefaultToken);
        return client;
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        _app6.Dispose();
        _app4.Dispose();
        await _sandbox.DisposeAsync();
    }

    private static async Task AssertNotFoundAsync(HttpResponseMessage response, string what)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), what);
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(StarletteNotFound), what);
    }

    [Test]
    public async Task Each_version_answers_its_info_only_under_its_own_prefix()
    {
        var info6 = await _app6.GetAsync("/gradio_api/info");
        var info4 = await _app4.GetAsync("/info");

        Assert.That(info6.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(info4.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await SandboxTestClient.ReadJsonAsync(info6))["named_endpoints"], Is.Not.Null);
        Assert.That((await SandboxTestClient.ReadJsonAsync(info4))["named_endpoints"], Is.Not.Null);
        await AssertNotFoundAsync(await _app6.GetAsync("/info"), "6.x unprefixed info");
        await AssertNotFoundAsync(await _app4.GetAsync("/gradio_api/info"), "4.x prefixed info");
        await AssertNotFoundAsync(await _app4.PostAsync("/gradio_api/queue/join", SandboxTestClient.Json("""{"data":[],"fn_index":0,"session_hash":"s"}""")), "4.x prefixed join");
    }

    [Test]
    public async Task A_known_path_with_another_method_is_starlettes_404_not_a_405()
    {
        await AssertNotFoundAsync(await _app6.GetAsync("/gradio_api/queue/join"), "GET join");
        await AssertNotFoundAsync(await _app6.PostAsync("/gradio_api/info", SandboxTestClient.Json("{}")), "POST info");
        await AssertNotFoundAsync(await _app6.DeleteAsync("/gradio_api/upload"), "DELETE upload");
        await AssertNotFoundAsync(await _app4.PostAsync("/config", SandboxTestClient.Json("{}")), "POST config");
    }

    [Test]
    public async Task Catch_all_routes_do_not_answer_their_bare_stem()
    {
        await AssertNotFoundAsync(await _app6.PostAsync("/gradio_api/run", SandboxTestClient.Json("""{"data":[]}""")), "bare /run");
        await AssertNotFoundAsync(await _app6.GetAsync("/gradio_api/call"), "bare /call");
        await AssertNotFoundAsync(await _app6.GetAsync("/gradio_api/nothing-here.txt"), "unknown file-like path");
        await AssertNotFoundAsync(await _app4.GetAsync("/no/such/route"), "4.x unknown path");

        var refused = await _app4.PostAsync("/run/generate", SandboxTestClient.Json("""{"data":["x"]}"""));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("join the queue"));
    }

    [Test]
    public async Task Requests_are_counted_by_their_path_as_before_the_groups()
    {
        await _app6.GetAsync("/gradio_api/info");

        Assert.That(_sandbox.Inspector.GetRequestCount("SPACE-APP", "GET /gradio_api/info"), Is.GreaterThanOrEqualTo(1));
    }
}
