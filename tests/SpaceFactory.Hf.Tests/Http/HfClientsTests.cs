using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Hf.Tests.Gradio;
using SpaceFactory.Hf.Tests.Hub;
using SpaceFactory.Hf.Tests.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceFactory.Hf.Tests.Http;

/// <summary>
/// The clients built without dependency injection (<see cref="HfClients"/>) send what <c>AddHuggingFace</c>'s send:
/// the same token and user agent, the same retries on the given clock, the same Gradio handling. The Jobs and Bucket
/// contract fixtures also run once per way of building (<see cref="ClientConstruction"/>).
/// </summary>
[TestFixture]
[CancelAfter(30_000)]
public class HfClientsTests
{
    private static readonly RepoId Space = RepoId.Parse("user/tmp_test_space");

    private WireMockServer _hub = null!;

    [SetUp]
    public void SetUp() => _hub = WireMockServer.Start();

    [TearDown]
    public void TearDown() => _hub.Dispose();

    private HfClientOptions Options(int maxRetries = 0) => new() { Endpoint = new Uri(_hub.Url!), Token = HubTestHost.Token, MaxRetries = maxRetries };

    private void AnswerRuntime() =>
        _hub.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/runtime").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(HubRecordings.RuntimeBuilding));

    [Test]
    public async Task A_Hub_call_carries_the_same_method_path_token_and_user_agent_as_through_AddHuggingFace()
    {
        AnswerRuntime();
        using (var clients = new HfClients(Options()))
        {
            Assert.That((await clients.Hub.GetSpaceRuntimeAsync(Space)).Stage, Is.EqualTo(SpaceStage.Building));
        }

        using (var services = new ServiceCollection().AddHuggingFace(o => (o.Endpoint, o.Token, o.MaxRetries) = (Options().Endpoint, HubTestHost.Token, 0)).Services.BuildServiceProvider())
        {
            await services.GetRequiredService<HubClient>().GetSpaceRuntimeAsync(Space);
        }

        var requests = HubTestHost.RequestsOf(_hub);
        Assert.That(requests, Has.Count.EqualTo(2));
        RequestAssert.IsHubCall(requests[0], "GET", "/api/spaces/user/tmp_test_space/runtime");
        foreach (var header in new[] { "Authorization", "User-Agent", "Accept-Encoding" })
        {
            Assert.That(RequestAssert.Header(requests[0], header), Is.EqualTo(RequestAssert.Header(requests[1], header)), header);
        }

        Assert.That(RequestAssert.Header(requests[0], "Authorization"), Is.EqualTo("Bearer " + HubTestHost.Token));
    }

    [Test]
    public async Task A_GET_answered_503_is_retried_after_the_pause_on_the_given_clock()
    {
        var clock = new TestClock();
        _hub.Given(Request.Create().UsingGet()).InScenario("flaky").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "3"));
        _hub.Given(Request.Create().UsingGet()).InScenario("flaky").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(HubRecordings.RuntimeStatic));
        using var clients = new HfClients(Options(maxRetries: 2), timeProvider: clock);

        var runtime = await clock.DriveAsync(clients.Hub.GetSpaceRuntimeAsync(Space));

        Assert.That(runtime.Stage.IsRunning, Is.True);
        Assert.That(HubTestHost.RequestsOf(_hub), Has.Count.EqualTo(2), "one retry after the 503");
        Assert.That(clock.Delays, Does.Contain(TimeSpan.FromSeconds(3)), "the server's Retry-After, waited on the given clock");
    }

    [Test]
    public async Task The_Gradio_factory_reads_an_app_and_sends_no_token_to_a_host_that_is_not_a_Space()
    {
        using var app = WireMockServer.Start();
        new GradioFixtures(app, "6.25.0", "textgen").Discovery().Call("generate", "generate");
        using var clients = new HfClients(Options());

        var gradio = await clients.Gradio.ConnectAsync(new Uri(app.Url!));
        var result = await gradio.CallAsync("/generate", [GradioValue.Text("Hello world"), GradioValue.Number(8)]);

        Assert.That(result.GetString(), Is.EqualTo("Hello world jumps over the lazy dog the quick brown"));
        var requests = HubTestHost.RequestsOf(app);
        Assert.That(requests.Select(r => $"{r.Method} {r.Path}"), Is.EqualTo(new[]
        {
            "GET /config", "GET /gradio_api/info", "POST /gradio_api/call/generate", $"GET {requests[^1].Path}",
        }));
        Assert.That(requests.Select(r => RequestAssert.Header(r, "Authorization")), Is.All.Null);
        Assert.That(HubTestHost.RequestsOf(_hub), Is.Empty);
    }

    [Test]
    public void Invalid_settings_fail_at_construction_naming_each_setting()
    {
        var options = Options();
        options.MaxRetries = 99;
        options.Endpoint = new Uri("ftp://example.test/");

        var error = Assert.Throws<OptionsValidationException>(() => _ = new HfClients(options))!;

        Assert.That(error.Failures, Is.EquivalentTo(new[]
        {
            "Endpoint must use http or https, not 'ftp'.",
            "MaxRetries must be between 0 and 20, not 99.",
        }));
    }

    [Test]
    public void A_disposed_set_of_clients_says_so_instead_of_sending()
    {
        var clients = new HfClients(Options());
        _ = clients.Buckets;
        clients.Dispose();
        clients.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _ = clients.Hub);
        Assert.Throws<ObjectDisposedException>(() => _ = clients.Buckets);
        Assert.That(HubTestHost.RequestsOf(_hub), Is.Empty);
    }
}
