using System.Text.Json.Nodes;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Hf.Tests.TestSupport;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceFactory.Hf.Tests.Jobs;

/// <summary>One contract test per Jobs operation against WireMock, through the real <c>AddHuggingFace</c> registration.</summary>
[TestFixture(ClientConstruction.AddHuggingFace)]
[TestFixture(ClientConstruction.HfClients)]
[CancelAfter(30_000)]
public class JobsClientContractTests(ClientConstruction construction)
{
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

    private void Answer(string path, string method, string body, int status = 200, string contentType = "application/json") =>
        _server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body));

    private IRequestMessage OnlyRequest(string path) => _server.LogEntries.Select(e => e.RequestMessage!).Single(r => r.Path == path);

    private static void AssertHubHeaders(IRequestMessage request)
    {
        Assert.That(request.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + TestClients.Token));
        Assert.That(request.Headers["User-Agent"].Single(), Does.Contain("SpaceFactory"));
        Assert.That(request.Headers.ContainsKey("X-Amzn-Trace-Id"), Is.True);
    }

    [Test]
    public async Task RunJob_posts_the_spec_and_reads_the_job()
    {
        Answer("/api/jobs/testuser", "POST", JobJson.Running);
        var spec = new JobSpec
        {
            Image = JobImage.Parse("python:3.12"),
            Command = ["python", "-c", "print('hi')"],
            Environment = new Dictionary<string, string> { ["A"] = "1" },
            Secrets = new Dictionary<string, JobSecret> { ["S"] = JobSecret.FromValue("x") },
            Timeout = TimeSpan.FromSeconds(300),
        };

        var job = await _client.RunJobAsync(spec, "testuser");

        var request = OnlyRequest("/api/jobs/testuser");
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.Headers!["Content-Type"].Single(), Does.StartWith("application/json"));
        AssertHubHeaders(request);
        var expected = JsonNode.Parse("""
            {"command": ["python", "-c", "print('hi')"], "arguments": [], "environment": {"A": "1"}, "flavor": "cpu-basic", "secrets": {"S": "x"}, "timeoutSeconds": 300, "labels": {"name": "python-3-12-5c1fcc4a"}, "dockerImage": "python:3.12"}
            """);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(request.Body!), expected), Is.True, request.Body);

        Assert.That(job.Id, Is.EqualTo(JobJson.Id));
        Assert.That(job.Status.Stage, Is.EqualTo(JobStage.Running));
        Assert.That(job.SecretNames, Is.EqualTo(new[] { "HF_TOKEN" }));
        Assert.That(job.Volumes!.Single(), Is.EqualTo(JobVolume.Bucket(RepoId.Parse("lhoestq/out"), "/output", readOnly: false)));
        Assert.That(job.Owner.Name, Is.EqualTo("lhoestq"));
        Assert.That(job.Name, Is.EqualTo("python-3-12-1a2b3c4d"));
        Assert.That(job.Durations!.TotalSeconds, Is.EqualTo(8));
        Assert.That(job.Status.SshUrl, Is.EqualTo("ssh://687fb701029421ae5549d998@ssh.hf.jobs"));
        Assert.That(job.Url, Is.EqualTo(new Uri(new Uri(_server.Url!), "/jobs/lhoestq/" + JobJson.Id)));
    }

    [Test]
    public async Task RunJob_without_namespace_asks_whoami_once()
    {
        Answer("/api/whoami-v2", "GET", """{"type":"user","name":"testuser","orgs":[]}""");
        Answer("/api/jobs/testuser", "POST", JobJson.With("SCHEDULING"));
        var spec = new JobSpec { Image = JobImage.Parse("hf.co/spaces/lhoestq/duckdb"), Command = ["duckdb"] };

        await _client.RunJobAsync(spec);
        await _client.RunJobAsync(spec);

        var paths = _server.LogEntries.Select(e => $"{e.RequestMessage!.Method} {e.RequestMessage.Path}").ToList();
        Assert.That(paths, Is.EqualTo(new[] { "GET /api/whoami-v2", "POST /api/jobs/testuser", "POST /api/jobs/testuser" }));
        var body = JsonNode.Parse(_server.LogEntries.Last().RequestMessage!.Body!)!.AsObject();
        Assert.That(body["spaceId"]!.GetValue<string>(), Is.EqualTo("lhoestq/duckdb"));
        Assert.That(body.ContainsKey("dockerImage"), Is.False);
    }

    [Test]
    public void RunJob_surfaces_the_hub_refusal()
    {
        _server.Given(Request.Create().WithPath("/api/jobs/testuser").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(402).WithHeader("Content-Type", "application/json").WithBody("""{"error":"You need credits to run Jobs"}"""));
        var error = Assert.ThrowsAsync<HfPaymentRequiredException>(() => _client.RunJobAsync(new JobSpec { Image = JobImage.Parse("python:3.12") }, "testuser"));
        Assert.That(error!.Message, Does.Contain("You need credits"));
    }

    [Test]
    public async Task InspectJob_gets_the_job_and_tolerates_an_unknown_stage()
    {
        Answer("/api/jobs/testuser/" + JobJson.Id, "GET", JobJson.With("PAUSED_FOR_MAINTENANCE"));

        var job = await _client.InspectJobAsync(JobJson.Id, "testuser");

        var request = OnlyRequest("/api/jobs/testuser/" + JobJson.Id);
        Assert.That(request.Method, Is.EqualTo("GET"));
        AssertHubHeaders(request);
        Assert.That(job.Status.Stage.Value, Is.EqualTo("PAUSED_FOR_MAINTENANCE"));
        Assert.That(job.Status.Stage.IsTerminal, Is.False);
        Assert.That(job.Status.Stage.IsKnown, Is.False);
    }

    [Test]
    public void InspectJob_of_a_missing_job_is_not_found()
    {
        _server.Given(Request.Create().WithPath("/api/jobs/testuser/0000").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"error":"Job not found"}"""));
        var error = Assert.ThrowsAsync<HfNotFoundException>(() => _client.InspectJobAsync("0000", "testuser"));
        Assert.That(error!.Message, Does.Contain("GET /api/jobs/testuser/0000").And.Contain("Job not found"));
    }

    [Test]
    public void InspectJob_with_an_unreadable_answer_is_a_protocol_error()
    {
        Answer("/api/jobs/testuser/1", "GET", """{"id":"1","status":{"stage":"RUNNING"}}""");
        var error = Assert.ThrowsAsync<HfProtocolException>(() => _client.InspectJobAsync("1", "testuser"));
        Assert.That(error!.Message, Does.Contain("owner"));
    }

    [TestCase("")]
    [TestCase("../other")]
    [TestCase("abc/def")]
    public void Bad_job_ids_and_namespaces_are_rejected_before_any_request(string id)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _client.InspectJobAsync(id, "testuser"));
        Assert.ThrowsAsync<ArgumentException>(() => _client.CancelJobAsync("abc", "bad namespace"));
        Assert.That(_server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task ListJobs_sends_filters_and_follows_link_pages()
    {
        var next = _server.Url + "/api/jobs/testuser?stage=RUNNING&stage=SCHEDULING&label=env%3Dprod&cursor=page2";
        _server.Given(Request.Create().WithPath("/api/jobs/testuser").WithParam("cursor", "page2").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"[{JobJson.With("RUNNING", "c3")}]"));
        _server.Given(Request.Create().WithPath("/api/jobs/testuser").UsingGet())
            .AtPriority(2)
            .RespondWith(Response.Create()
                .WithHeader("Content-Type", "application/json")
                .WithHeader("Link", $"<{next}>; rel=\"next\"")
                .WithBody($"[{JobJson.With("RUNNING", "a1")},{JobJson.With("SCHEDULING", "b2")}]"));

        var filter = new JobListFilter { Stages = [JobStage.Running, JobStage.Scheduling], Labels = new Dictionary<string, string> { ["env"] = "prod" } };
        var ids = new List<string>();
        await foreach (var job in _client.ListJobsAsync(filter, "testuser"))
        {
            ids.Add(job.Id);
        }

        Assert.That(ids, Is.EqualTo(new[] { "a1", "b2", "c3" }));
        var requests = _server.LogEntries.Select(e => e.RequestMessage!).ToList();
        Assert.That(requests, Has.Count.EqualTo(2));
        Assert.That(requests[0].RawQuery, Is.EqualTo("?stage=RUNNING&stage=SCHEDULING&label=env%3Dprod"));
        Assert.That(requests[0].Query!["stage"], Is.EqualTo(new[] { "RUNNING", "SCHEDULING" }));
        Assert.That(requests[0].Query!["label"].Single(), Is.EqualTo("env=prod"));
        Assert.That(requests[1].RawQuery, Does.EndWith("&cursor=page2"));
        AssertHubHeaders(requests[1]);
    }

    [Test]
    public void ListJobs_rejects_a_bad_label_filter()
    {
        var filter = new JobListFilter { Labels = new Dictionary<string, string> { ["env"] = "a b" } };
        Assert.That(() => _client.ListJobsAsync(filter, "testuser"), Throws.ArgumentException.With.Message.Contains("'a b' contains ' '"));
    }

    [Test]
    public async Task CancelJob_posts_without_a_body()
    {
        Answer("/api/jobs/testuser/" + JobJson.Id + "/cancel", "POST", JobJson.With("CANCELED"));

        await _client.CancelJobAsync(JobJson.Id, "testuser");

        var request = OnlyRequest("/api/jobs/testuser/" + JobJson.Id + "/cancel");
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.BodyAsBytes ?? [], Is.Empty);
        AssertHubHeaders(request);
    }

    [Test]
    public async Task ListHardware_reads_flavors_and_prices()
    {
        Answer("/api/jobs/hardware", "GET", """
            [{"name":"cpu-basic","prettyName":"CPU Basic","cpu":"2 vCPU","ram":"16 GB","ephemeralStorage":"20 GB",
              "accelerator":null,"unitCostMicroUSD":167,"unitCostUSD":0.000167,"unitLabel":"minute"},
             {"name":"t4-small","prettyName":"Nvidia T4 - small","cpu":"4 vCPU","ram":"15 GB","unitCostMicroUSD":667,"unitCostUSD":0.000667,"unitLabel":"minute",
              "accelerator":{"type":"gpu","model":"T4","quantity":"1","vram":"16 GB","manufacturer":"Nvidia"}},
             {"name":"brand-new-flavor","prettyName":"New","cpu":"1","ram":"1 GB","unitCostMicroUSD":1,"unitCostUSD":0.000001,"unitLabel":"minute"}]
            """);

        var hardware = await _client.ListHardwareAsync();

        Assert.That(OnlyRequest("/api/jobs/hardware").Method, Is.EqualTo("GET"));
        Assert.That(hardware.Select(h => h.Name), Is.EqualTo(new[] { JobFlavor.CpuBasic, JobFlavor.T4Small, new JobFlavor("brand-new-flavor") }));
        Assert.That(hardware[0].UnitCostUsd, Is.EqualTo(0.000167m));
        Assert.That(hardware[0].Accelerator, Is.Null);
        Assert.That(hardware[1].Accelerator!.Model, Is.EqualTo("T4"));
        Assert.That(hardware[1].EphemeralStorage, Is.Null);
    }

    [Test]
    public async Task StreamLogs_reads_the_event_stream()
    {
        var body = ": keep-alive\n\n" + Sse.Line("Hello from the cloud!", 1) + "data:\n\n" + Sse.Line("bye", 2);
        _server.Given(Request.Create().WithPath("/api/jobs/testuser/" + JobJson.Id + "/logs").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/event-stream").WithBody(body));

        var lines = new List<JobLogLine>();
        await foreach (var line in _client.StreamLogsAsync(JobJson.Id, JobLogOptions.Snapshot with { Tail = 10 }, "testuser"))
        {
            lines.Add(line);
        }

        var request = OnlyRequest("/api/jobs/testuser/" + JobJson.Id + "/logs");
        Assert.That(request.RawQuery, Is.EqualTo("?tail=10"));
        Assert.That(request.Headers!["Accept"].Single(), Is.EqualTo("text/event-stream"));
        AssertHubHeaders(request);
        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { "Hello from the cloud!", "bye" }));
        Assert.That(lines[1].Timestamp, Is.EqualTo(Sse.T0.AddMilliseconds(2)));
    }

    [Test]
    public async Task WaitForCompletion_polls_with_back_off_until_a_terminal_stage()
    {
        var path = "/api/jobs/testuser/" + JobJson.Id;
        string[] stages = ["SCHEDULING", "RUNNING", "RUNNING", "COMPLETED"];
        for (var i = 0; i < stages.Length; i++)
        {
            var mapping = _server.Given(Request.Create().WithPath(path).UsingGet()).InScenario("job");
            (i == 0 ? mapping : mapping.WhenStateIs($"s{i}")).WillSetStateTo($"s{i + 1}")
                .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(JobJson.With(stages[i])));
        }

        var clock = new TestClock();
        var status = await clock.DriveAsync(_client.WaitForCompletionAsync(JobJson.Id, clock, owner: "testuser"));

        Assert.That(status.Stage, Is.EqualTo(JobStage.Completed));
        Assert.That(_server.LogEntries.Count(), Is.EqualTo(4));
        Assert.That(clock.Delays, Is.EqualTo(new[] { 1, 2, 4 }.Select(s => TimeSpan.FromSeconds(s))));
    }

    [Test]
    public void WaitForCompletion_gives_up_after_the_timeout()
    {
        Answer("/api/jobs/testuser/" + JobJson.Id, "GET", JobJson.With("RUNNING"));
        var clock = new TestClock();
        var options = new JobWaitOptions { Timeout = TimeSpan.FromSeconds(10) };

        var error = Assert.ThrowsAsync<TimeoutException>(() => clock.DriveAsync(_client.WaitForCompletionAsync(JobJson.Id, clock, options, "testuser")));

        Assert.That(error!.Message, Does.Contain("did not finish within").And.Contain("RUNNING"));
        Assert.That(clock.Delays, Is.EqualTo(new[] { 1, 2, 4, 3 }.Select(s => TimeSpan.FromSeconds(s))), "the last wait ends at the deadline");
    }
}
