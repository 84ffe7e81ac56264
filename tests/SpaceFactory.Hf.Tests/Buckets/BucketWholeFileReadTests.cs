using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf.Buckets;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceFactory.Hf.Tests.Buckets;

/// <summary>Whole-file reads of small files (run records) read again after a transient failure, never after a definite one.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class BucketWholeFileReadTests
{
    private const string EventsPath = "/buckets/testuser/records/resolve/runs/42/events.jsonl";
    private static readonly BucketUri Events = BucketUri.Parse("hf://buckets/testuser/records/runs/42/events.jsonl");

    private static (WireMockServer Server, ServiceProvider Services, BucketClient Client) Start()
    {
        var server = WireMockServer.Start();
        var services = new ServiceCollection().AddHuggingFace(o =>
        {
            o.Endpoint = new Uri(server.Url!);
            o.Token = "hf_bucketreadtest0123456789abcdef";
            o.MaxRetries = 3;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(2);
        }).Services.BuildServiceProvider();
        return (server, services, services.GetRequiredService<BucketClient>());
    }

    [Test]
    public async Task One_500_costs_a_second_read_not_the_caller()
    {
        var (server, services, client) = Start();
        using var _ = server;
        using var __ = services;
        server.Given(Request.Create().WithPath(EventsPath).UsingGet()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("Internal Server Error"));
        server.Given(Request.Create().WithPath(EventsPath).UsingGet()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithBody("{\"seq\":1}\n"));

        var bytes = await client.ReadAllBytesAsync(Events);

        Assert.That(System.Text.Encoding.UTF8.GetString(bytes), Is.EqualTo("{\"seq\":1}\n"));
        Assert.That(server.LogEntries.Select(e => e.RequestMessage!.Path), Is.EqualTo(new[] { EventsPath, EventsPath }));
    }

    [Test]
    public void A_storage_that_keeps_failing_fails_after_the_configured_retries()
    {
        var (server, services, client) = Start();
        using var _ = server;
        using var __ = services;
        server.Given(Request.Create().WithPath(EventsPath).UsingGet()).RespondWith(Response.Create().WithStatusCode(503));

        var error = Assert.CatchAsync<HfApiException>(() => client.ReadAllBytesAsync(Events));

        Assert.That(error!.IsTransient, Is.True);
        Assert.That(server.LogEntries.Count(), Is.EqualTo(4), "the first read and MaxRetries = 3 more");
    }

    [Test]
    public void A_missing_file_is_not_read_again()
    {
        var (server, services, client) = Start();
        using var _ = server;
        using var __ = services;
        server.Given(Request.Create().WithPath(EventsPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Error-Code", "EntryNotFound").WithBody("Entry not found"));

        Assert.ThrowsAsync<HfNotFoundException>(() => client.ReadAllBytesAsync(Events));
        Assert.That(server.LogEntries.Count(), Is.EqualTo(1));
    }

    [Test]
    public void A_file_over_the_bound_is_a_protocol_error_read_once()
    {
        var (server, services, client) = Start();
        using var _ = server;
        using var __ = services;
        server.Given(Request.Create().WithPath(EventsPath).UsingGet()).RespondWith(Response.Create().WithBody(new string('x', 5000)));

        var error = Assert.ThrowsAsync<HfProtocolException>(() => client.ReadAllBytesAsync(Events, maxBytes: 4096));

        Assert.That(error!.Message, Does.Contain("larger than 4 KiB").And.Contain("events.jsonl"));
        Assert.That(server.LogEntries.Count(), Is.EqualTo(1));
    }
}
