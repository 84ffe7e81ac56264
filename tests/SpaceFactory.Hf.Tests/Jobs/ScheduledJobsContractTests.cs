using System.Text.Json.Nodes;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Hf.Tests.TestSupport;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceFactory.Hf.Tests.Jobs;

/// <summary>One contract test per scheduled-Jobs operation against WireMock: method, path, headers, body, and the answer read.</summary>
[TestFixture(ClientConstruction.AddHuggingFace)]
[TestFixture(ClientConstruction.HfClients)]
[CancelAfter(30_000)]
public class ScheduledJobsContractTests(ClientConstruction construction)
{
    private const string Id = "68a1b2c3d4e5f60718293a4b";

    private const string Answer = """
        {"id":"68a1b2c3d4e5f60718293a4b","createdAt":"2026-12-01T10:00:00.000Z","updatedAt":"2026-12-01T10:00:00.000Z",
         "jobSpec":{"dockerImage":"spacefactory/worker:1","command":["spacefactory"],"arguments":["worker","--recipe","validate-space"],
                    "environment":{},"secrets":["HF_TOKEN"],"flavor":"cpu-basic","labels":{"spacefactory-monitor":"alice--demo"},"timeoutSeconds":1800},
         "schedule":"@daily","suspend":false,"concurrency":false,
         "status":{"lastJob":{"id":"68a1b2c3d4e5f60718293a4c","at":"2026-12-02T00:00:01.000Z"},"nextJobRunAt":"2026-12-03T00:00:00.000Z"},
         "owner":{"id":"u1","name":"alice","type":"user"}}
        """;

    private WireMockServer _server = null!;
    private BuiltClients _services = null!;
    private JobsClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _server = WireMockServer.Start();
        _services = TestClients.Build(construction, _server.Url!);
        _client = _services.Jobs;
    }

    [TearDown]
    public void TearDown()
    {
        _services.Dispose();
        _server.Dispose();
    }

    private void Reply(string path, string method, string body, int status = 200) =>
        _server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private IRequestMessage OnlyRequest(string path) => _server.LogEntries.Select(e => e.RequestMessage!).Single(r => r.Path == path);

    private static void AssertHubHeaders(IRequestMessage request)
    {
        Assert.That(request.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + TestClients.Token));
        Assert.That(request.Headers["User-Agent"].Single(), Does.Contain("SpaceFactory"));
    }

    [Test]
    public async Task Create_posts_the_job_spec_the_schedule_and_the_flags()
    {
        Reply("/api/scheduled-jobs/alice", "POST", Answer);
        var spec = new JobSpec
        {
            Image = JobImage.Parse("spacefactory/worker:1"),
            Command = ["spacefactory"],
            Arguments = ["worker", "--recipe", "validate-space"],
            Secrets = new Dictionary<string, JobSecret> { ["HF_TOKEN"] = JobSecret.FromValue("hf_fake_scheduled") },
            Labels = new Dictionary<string, string> { ["spacefactory-monitor"] = "alice--demo" },
            Timeout = TimeSpan.FromMinutes(30),
        };

        var job = await _client.CreateScheduledJobAsync(spec, " @daily ", new ScheduledJobOptions { Concurrency = false }, "alice");

        var request = OnlyRequest("/api/scheduled-jobs/alice");
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.Headers!["Content-Type"].Single(), Does.StartWith("application/json"));
        AssertHubHeaders(request);
        var body = JsonNode.Parse(request.Body!)!;
        Assert.That(body["schedule"]!.GetValue<string>(), Is.EqualTo("@daily"));
        Assert.That(body["concurrency"]!.GetValue<bool>(), Is.False);
        Assert.That(body.AsObject().ContainsKey("suspend"), Is.False, "an unset flag is left to the Hub");
        var jobSpec = body["jobSpec"]!;
        Assert.That(jobSpec["dockerImage"]!.GetValue<string>(), Is.EqualTo("spacefactory/worker:1"));
        Assert.That(jobSpec["command"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "spacefactory" }));
        Assert.That(jobSpec["arguments"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "worker", "--recipe", "validate-space" }));
        Assert.That(jobSpec["secrets"]!["HF_TOKEN"]!.GetValue<string>(), Is.EqualTo("hf_fake_scheduled"));
        Assert.That(jobSpec["timeoutSeconds"]!.GetValue<int>(), Is.EqualTo(1800));
        Assert.That(jobSpec["flavor"]!.GetValue<string>(), Is.EqualTo("cpu-basic"));

        Assert.That(job.Id, Is.EqualTo(Id));
        Assert.That(job.Schedule, Is.EqualTo("@daily"));
        Assert.That(job.Owner!.Name, Is.EqualTo("alice"));
        Assert.That(job.JobSpec!.SecretNames, Is.EqualTo(new[] { "HF_TOKEN" }));
        Assert.That(job.JobSpec.Labels!["spacefactory-monitor"], Is.EqualTo("alice--demo"));
        Assert.That(job.Status!.LastJob!.Id, Is.EqualTo("68a1b2c3d4e5f60718293a4c"));
        Assert.That(job.Status.NextJobRunAt, Is.EqualTo(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero)));
    }

    [TestCase("@sometimes", "'@sometimes' is not a schedule preset")]
    [TestCase("0 6 * *", "has 4 field(s); a cron expression has five")]
    [TestCase("0 6 * * ;rm", "is not a cron expression")]
    [TestCase("", "the schedule is empty")]
    public void A_bad_schedule_is_refused_before_anything_is_sent(string schedule, string expected)
    {
        var spec = new JobSpec { Image = JobImage.Parse("python:3.12"), Command = ["true"] };

        var ex = Assert.ThrowsAsync<ArgumentException>(() => _client.CreateScheduledJobAsync(spec, schedule, owner: "alice"));

        Assert.That(ex!.Message, Does.Contain(expected));
        Assert.That(_server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task List_gets_the_namespace_and_reads_every_scheduled_job()
    {
        Reply("/api/scheduled-jobs/alice", "GET", "[" + Answer + "]");

        var jobs = new List<ScheduledJobInfo>();
        await foreach (var job in _client.ListScheduledJobsAsync("alice"))
        {
            jobs.Add(job);
        }

        var request = OnlyRequest("/api/scheduled-jobs/alice");
        Assert.That(request.Method, Is.EqualTo("GET"));
        AssertHubHeaders(request);
        Assert.That(jobs.Single().Id, Is.EqualTo(Id));
    }

    [Test]
    public async Task Inspect_gets_one_scheduled_job()
    {
        Reply($"/api/scheduled-jobs/alice/{Id}", "GET", Answer);

        var job = await _client.InspectScheduledJobAsync(Id, "alice");

        var request = OnlyRequest($"/api/scheduled-jobs/alice/{Id}");
        Assert.That(request.Method, Is.EqualTo("GET"));
        AssertHubHeaders(request);
        Assert.That(job.Suspend, Is.False);
    }

    [TestCase("suspend")]
    [TestCase("resume")]
    public async Task Suspend_and_resume_post_without_a_body(string action)
    {
        Reply($"/api/scheduled-jobs/alice/{Id}/{action}", "POST", Answer.Replace("\"suspend\":false", $"\"suspend\":{(action == "suspend" ? "true" : "false")}", StringComparison.Ordinal));

        var job = action == "suspend" ? await _client.SuspendScheduledJobAsync(Id, "alice") : await _client.ResumeScheduledJobAsync(Id, "alice");

        var request = OnlyRequest($"/api/scheduled-jobs/alice/{Id}/{action}");
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.Body, Is.Null.Or.Empty);
        AssertHubHeaders(request);
        Assert.That(job.Suspend, Is.EqualTo(action == "suspend"));
    }

    [Test]
    public async Task Delete_sends_delete_to_the_scheduled_job()
    {
        Reply($"/api/scheduled-jobs/alice/{Id}", "DELETE", "{}");

        await _client.DeleteScheduledJobAsync(Id, "alice");

        var request = OnlyRequest($"/api/scheduled-jobs/alice/{Id}");
        Assert.That(request.Method, Is.EqualTo("DELETE"));
        AssertHubHeaders(request);
    }

    [Test]
    public void A_missing_scheduled_job_is_a_not_found_error()
    {
        Reply($"/api/scheduled-jobs/alice/{Id}", "GET", """{"error":"Scheduled job not found"}""", status: 404);

        Assert.ThrowsAsync<HfNotFoundException>(() => _client.InspectScheduledJobAsync(Id, "alice"));
    }
}
