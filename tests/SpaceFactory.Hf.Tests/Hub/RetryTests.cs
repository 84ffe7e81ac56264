using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf.Hub;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Hub;

[TestFixture]
public class RetryTests
{
    /// <summary>Guards the awaits below against a hang; the tests never wait on the wall clock otherwise.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static readonly RepoId Space = RepoId.Parse("user/tmp_test_space");

    [TestCase("Retry-After", "7", 7)]
    [TestCase("RateLimit", "\"api\";r=0;t=42", 42)]
    public async Task A_GET_answered_429_is_retried_after_the_server_requested_wait_on_the_DI_clock(string header, string value, int seconds)
    {
        var clock = new ObservedTimeProvider();
        using var host = new HubTestHost(services: s => s.AddSingleton<TimeProvider>(clock));
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/runtime").UsingGet())
            .InScenario("limit").WillSetStateTo("open")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader(header, value).WithBody("""{"error":"Too many requests"}"""));
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/runtime").UsingGet())
            .InScenario("limit").WhenStateIs("open")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(HubRecordings.RuntimeBuilding));

        var call = host.Client.GetSpaceRuntimeAsync(Space);

        // The retry waits on a timer of exactly the server's delay, created on the TimeProvider registered in DI.
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(seconds)).WaitAsync(Guard);
        Assert.That(call.IsCompleted, Is.False, "still waiting for the fake clock");
        Assert.That(host.Requests, Has.Count.EqualTo(1));

        clock.Advance(TimeSpan.FromSeconds(seconds));
        var runtime = await call.WaitAsync(Guard);

        Assert.That(runtime.Stage, Is.EqualTo(SpaceStage.Building));
        Assert.That(host.Requests, Has.Count.EqualTo(2), "one retry after the 429");
    }

    [Test]
    public async Task A_GET_answered_503_is_retried_until_it_succeeds()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().UsingGet()).InScenario("flaky").WillSetStateTo("second")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "0"));
        host.Server.Given(Request.Create().UsingGet()).InScenario("flaky").WhenStateIs("second").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(502).WithHeader("Retry-After", "0"));
        host.Server.Given(Request.Create().UsingGet()).InScenario("flaky").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(HubRecordings.RuntimeStatic));

        var runtime = await host.Client.GetSpaceRuntimeAsync(Space);

        Assert.That(runtime.Stage.IsRunning, Is.True);
        Assert.That(host.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public void A_POST_answered_500_is_not_retried()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Retry-After", "0").WithBody("""{"error":"boom"}"""));

        var ex = Assert.ThrowsAsync<HfApiException>(() => host.Client.RestartSpaceAsync(Space));

        Assert.That((int)ex!.StatusCode, Is.EqualTo(500));
        Assert.That(ex.ServerMessage, Is.EqualTo("boom"));
        Assert.That(host.Requests, Has.Count.EqualTo(1), "exactly one request in the server's log");
    }

    [Test]
    public void A_DELETE_answered_503_is_not_retried()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().UsingDelete()).RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "0"));

        Assert.ThrowsAsync<HfApiException>(() => host.Client.DeleteRepoAsync(Space, RepoType.Space));
        Assert.That(host.Requests, Has.Count.EqualTo(1));
    }
}
