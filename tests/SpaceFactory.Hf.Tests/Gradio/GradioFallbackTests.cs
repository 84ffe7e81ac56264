using SpaceFactory.Hf.Gradio;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Gradio;

/// <summary>Protocol choice: the queue when /call is absent, and the simulation flag of Sandbox apps.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class GradioFallbackTests
{
    [Test]
    public async Task When_call_answers_404_the_queue_is_used_automatically()
    {
        using var host = new GradioTestHost();
        host.Fixtures("4.44.1", "textgen").Discovery().Queue("generate");
        host.App.Given(Request.Create().UsingPost().WithPath("/call/generate")).RespondWith(Response.Create().WithStatusCode(404));
        var client = await host.ConnectAsync();

        var result = await client.CallAsync("/generate", [GradioValue.Text("Hello world"), GradioValue.Number(8)]);

        Assert.That(result.Protocol, Is.EqualTo("queue"));
        Assert.That(result.GetString(), Is.EqualTo("Hello world jumps over the lazy dog the quick brown"));
    }

    [Test]
    public async Task Apps_older_than_4_20_go_straight_to_the_queue()
    {
        using var host = new GradioTestHost();
        var fixtures = host.Fixtures("4.44.1", "textgen");
        var config = GradioFixtures.Read("4.44.1", "textgen", "config.json").Replace("\"version\": \"4.44.1\"", "\"version\": \"4.19.2\"", StringComparison.Ordinal)
            .Replace("\"version\":\"4.44.1\"", "\"version\":\"4.19.2\"", StringComparison.Ordinal);
        host.App.Given(Request.Create().UsingGet().WithPath("/config")).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(config));
        fixtures.Get("/info", "info.json", "application/json");
        fixtures.Queue("generate");
        var client = await host.ConnectAsync();

        var result = await client.CallAsync("/generate", [GradioValue.Text("Hello world"), GradioValue.Number(8)]);

        Assert.That(client.App.HasCallRoute, Is.False);
        Assert.That(result.Protocol, Is.EqualTo("queue"));
        Assert.That(host.AppRequests.Any(r => r.Path.StartsWith("/call/", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task A_sandbox_app_is_reported_as_simulated()
    {
        using var host = new GradioTestHost();
        var fixtures = host.Fixtures("6.25.0", "textgen");
        var config = GradioFixtures.Read("6.25.0", "textgen", "config.json").TrimEnd();
        config = config[..^1] + ", \"spacefactory_simulated\": true}";
        host.App.Given(Request.Create().UsingGet().WithPath("/config")).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(config));
        fixtures.Get("/gradio_api/info", "info.json", "application/json");

        var client = await host.ConnectAsync();

        Assert.That(client.App.IsSimulated, Is.True);
        Assert.That(client.Schema.Simulated, Is.True);
    }
}
