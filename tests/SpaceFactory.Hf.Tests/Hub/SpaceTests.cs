using System.Text;
using SpaceFactory.Hf.Hub;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Hub;

[TestFixture]
public class SpaceTests
{
    private static readonly RepoId Space = RepoId.Parse("user/tmp_test_space");

    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(body);

    [Test]
    public async Task GetSpaceRuntime_reads_the_recorded_runtime()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/runtime").UsingGet()).RespondWith(Json(HubRecordings.RuntimeBuilding));

        var runtime = await host.Client.GetSpaceRuntimeAsync(Space);

        RequestAssert.IsHubCall(host.SingleRequest(), "GET", "/api/spaces/user/tmp_test_space/runtime");
        Assert.Multiple(() =>
        {
            Assert.That(runtime.Stage, Is.EqualTo(SpaceStage.Building));
            Assert.That(runtime.Stage.IsTransitional, Is.True);
            Assert.That(runtime.Stage.IsError, Is.False);
            Assert.That(runtime.Hardware!.Current, Is.Null);
            Assert.That(runtime.Hardware.Requested, Is.EqualTo("cpu-basic"));
            Assert.That(runtime.SleepTimeSeconds, Is.EqualTo(172800));
            Assert.That(runtime.Replicas!.Requested, Is.EqualTo("1"));
            Assert.That(runtime.DevMode, Is.False);
            Assert.That(runtime.Domains!.Single().Domain, Is.EqualTo("user-tmp-test-space.hf.space"));
            Assert.That(runtime.Domains!.Single().Stage, Is.EqualTo("READY"));
        });
    }

    [Test]
    public async Task GetSpaceRuntime_of_a_static_space_has_no_hardware_or_sleep_time()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().UsingGet()).RespondWith(Json(HubRecordings.RuntimeStatic));

        var runtime = await host.Client.GetSpaceRuntimeAsync(RepoId.Parse("victor/static-space"));

        Assert.Multiple(() =>
        {
            Assert.That(runtime.Stage.IsRunning, Is.True);
            Assert.That(runtime.Hardware!.Requested, Is.Null);
            Assert.That(runtime.SleepTimeSeconds, Is.Null);
            Assert.That(runtime.Replicas!.Current, Is.EqualTo(1));
        });
    }

    [Test]
    public void Runtime_tolerates_unknown_stages_auto_replicas_and_error_messages()
    {
        var runtime = System.Text.Json.JsonSerializer.Deserialize(
            """{"stage":"HIBERNATING_ON_MARS","replicas":{"requested":"auto"},"errorMessage":"Build failed","sha":"abc"}""",
            HubJsonContext.Default.SpaceRuntime)!;
        Assert.Multiple(() =>
        {
            Assert.That(runtime.Stage.Value, Is.EqualTo("HIBERNATING_ON_MARS"));
            Assert.That(runtime.Stage.IsTransitional || runtime.Stage.IsError || runtime.Stage.IsRunning, Is.False);
            Assert.That(runtime.Replicas!.Requested, Is.EqualTo("auto"));
            Assert.That(runtime.ErrorMessage, Is.EqualTo("Build failed"));
        });
    }

    [TestCase("BUILDING", true, false)]
    [TestCase("RUNNING_BUILDING", true, false)]
    [TestCase("APP_STARTING", true, false)]
    [TestCase("RUNNING_APP_STARTING", true, false)]
    [TestCase("BUILD_ERROR", false, true)]
    [TestCase("RUNTIME_ERROR", false, true)]
    [TestCase("CONFIG_ERROR", false, true)]
    [TestCase("running", false, false)]
    [TestCase("PAUSED", false, false)]
    [TestCase("SLEEPING", false, false)]
    [TestCase("NO_APP_FILE", false, false)]
    public void SpaceStage_helpers(string value, bool transitional, bool error)
    {
        var stage = new SpaceStage(value);
        Assert.That(stage.IsTransitional, Is.EqualTo(transitional));
        Assert.That(stage.IsError, Is.EqualTo(error));
    }

    [Test]
    public void SpaceStage_compares_case_insensitively_and_default_is_empty()
    {
        Assert.That(new SpaceStage("running"), Is.EqualTo(SpaceStage.Running));
        Assert.That(new SpaceStage("running").GetHashCode(), Is.EqualTo(SpaceStage.Running.GetHashCode()));
        Assert.That(default(SpaceStage).Value, Is.Empty);
    }

    [TestCase(false, "")]
    [TestCase(true, "factory=true")]
    public async Task RestartSpace_posts_restart_and_returns_the_runtime(bool factory, string query)
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/restart").UsingPost()).RespondWith(Json(HubRecordings.RuntimeBuilding));

        var runtime = await host.Client.RestartSpaceAsync(Space, factoryReboot: factory);

        RequestAssert.IsHubCall(host.SingleRequest(), "POST", "/api/spaces/user/tmp_test_space/restart", query: query);
        Assert.That(runtime.Stage, Is.EqualTo(SpaceStage.Building));
    }

    [Test]
    public async Task PauseSpace_posts_pause_and_returns_the_paused_runtime()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/pause").UsingPost()).RespondWith(Json(HubRecordings.RuntimePaused));

        var runtime = await host.Client.PauseSpaceAsync(Space);

        RequestAssert.IsHubCall(host.SingleRequest(), "POST", "/api/spaces/user/tmp_test_space/pause");
        Assert.That(runtime.Stage, Is.EqualTo(SpaceStage.Paused));
    }

    [Test]
    public async Task RequestSpaceHardware_posts_the_flavor()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/my-space/hardware").UsingPost()).RespondWith(Json(HubRecordings.RuntimeBuilding));

        await host.Client.RequestSpaceHardwareAsync(RepoId.Parse("testuser/my-space"), "t4-small");
        await host.Client.RequestSpaceHardwareAsync(RepoId.Parse("testuser/my-space"), "t4-small", sleepTimeSeconds: 600);

        RequestAssert.IsHubCall(host.Requests[0], "POST", "/api/spaces/testuser/my-space/hardware", "application/json");

        // Appendix A: {"flavor": "t4-small"}
        RequestAssert.JsonEquals(RequestAssert.Body(host.Requests[0]), """{"flavor":"t4-small"}""");
        RequestAssert.JsonEquals(RequestAssert.Body(host.Requests[1]), """{"flavor":"t4-small","sleepTimeSeconds":600}""");
    }

    [Test]
    public async Task SetSpaceSleepTime_posts_seconds()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/my-space/sleeptime").UsingPost()).RespondWith(Json(HubRecordings.RuntimeBuilding));

        await host.Client.SetSpaceSleepTimeAsync(RepoId.Parse("testuser/my-space"), 3600);

        var request = host.SingleRequest();
        RequestAssert.IsHubCall(request, "POST", "/api/spaces/testuser/my-space/sleeptime", "application/json");

        // Appendix A: {"seconds": 3600}
        RequestAssert.JsonEquals(RequestAssert.Body(request), """{"seconds":3600}""");
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.Client.SetSpaceSleepTimeAsync(RepoId.Parse("testuser/my-space"), 0));
    }

    [Test]
    public async Task AddSpaceSecret_and_DeleteSpaceSecret_send_the_reference_bodies()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/my-space/secrets").UsingAnyMethod()).RespondWith(Json(HubRecordings.EmptyObject));
        var space = RepoId.Parse("testuser/my-space");

        await host.Client.AddSpaceSecretAsync(space, "API_KEY", "s3cr3t");
        await host.Client.AddSpaceSecretAsync(space, "bar", "123", "This is a secret");
        await host.Client.DeleteSpaceSecretAsync(space, "API_KEY");

        RequestAssert.IsHubCall(host.Requests[0], "POST", "/api/spaces/testuser/my-space/secrets", "application/json");
        RequestAssert.JsonEquals(RequestAssert.Body(host.Requests[0]), """{"key":"API_KEY","value":"s3cr3t"}""");
        RequestAssert.JsonEquals(RequestAssert.Body(host.Requests[1]), """{"key":"bar","value":"123","description":"This is a secret"}""");
        RequestAssert.IsHubCall(host.Requests[2], "DELETE", "/api/spaces/testuser/my-space/secrets", "application/json");
        RequestAssert.JsonEquals(RequestAssert.Body(host.Requests[2]), """{"key":"API_KEY"}""");
    }

    [Test]
    public void AddSpaceSecret_failure_never_shows_the_secret_value()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().UsingPost()).RespondWith(Json("""{"error":"Internal error"}""", 500));

        var ex = Assert.ThrowsAsync<HfApiException>(() => host.Client.AddSpaceSecretAsync(Space, "API_KEY", "v3ry-s3cr3t-value"));

        Assert.That(ex!.ToString(), Does.Not.Contain("v3ry-s3cr3t-value"));
        Assert.That(ex.Message, Does.Contain("POST /api/spaces/user/tmp_test_space/secrets"));
        Assert.That(host.Requests, Has.Count.EqualTo(1), "a POST answered 500 is not retried");
    }

    [Test]
    public void Secret_and_variable_keys_are_validated_before_any_request()
    {
        using var host = new HubTestHost();
        var ex = Assert.ThrowsAsync<ArgumentException>(() => host.Client.AddSpaceSecretAsync(Space, "bad key", "v"));
        Assert.That(ex!.Message, Does.Contain("'bad key'").And.Contain("' '"));
        Assert.ThrowsAsync<ArgumentException>(() => host.Client.AddSpaceVariableAsync(Space, "_X", "v"));
        Assert.ThrowsAsync<ArgumentException>(() => host.Client.DeleteSpaceVariableAsync(Space, ""));
        Assert.That(host.Requests, Is.Empty);
    }

    [Test]
    public async Task ListSpaceSecrets_returns_names_only()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/secrets").UsingGet())
            .RespondWith(Json("""{"foo":{"updatedAt":"2025-03-07T12:24:13.000Z"},"bar":{"description":"This is a secret","updatedAt":"2025-03-07T12:24:14.000Z"}}"""));

        var secrets = await host.Client.ListSpaceSecretsAsync(Space);

        RequestAssert.IsHubCall(host.SingleRequest(), "GET", "/api/spaces/user/tmp_test_space/secrets");
        Assert.That(secrets.Select(s => s.Key), Is.EqualTo(new[] { "bar", "foo" }));
        Assert.That(secrets[0].Description, Is.EqualTo("This is a secret"));
    }

    [Test]
    public async Task Variables_add_delete_and_list_use_the_recorded_shapes()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/variables").UsingAnyMethod()).RespondWith(Json(HubRecordings.Variables));

        var afterAdd = await host.Client.AddSpaceVariableAsync(Space, "MODEL_PAPER", "arXiv", "found it there");
        var afterDelete = await host.Client.DeleteSpaceVariableAsync(Space, "gh_api_key");
        var listed = await host.Client.ListSpaceVariablesAsync(Space);

        RequestAssert.IsHubCall(host.Requests[0], "POST", "/api/spaces/user/tmp_test_space/variables", "application/json");
        RequestAssert.JsonEquals(RequestAssert.Body(host.Requests[0]), """{"key":"MODEL_PAPER","value":"arXiv","description":"found it there"}""");
        RequestAssert.IsHubCall(host.Requests[1], "DELETE", "/api/spaces/user/tmp_test_space/variables", "application/json");
        RequestAssert.JsonEquals(RequestAssert.Body(host.Requests[1]), """{"key":"gh_api_key"}""");
        RequestAssert.IsHubCall(host.Requests[2], "GET", "/api/spaces/user/tmp_test_space/variables");
        Assert.Multiple(() =>
        {
            Assert.That(afterAdd.Keys, Is.EquivalentTo(new[] { "foo", "MODEL_REPO_ID", "MODEL_PAPER" }));
            Assert.That(afterAdd["MODEL_PAPER"].Description, Is.EqualTo("found it there"));
            Assert.That(afterDelete["foo"].Value, Is.EqualTo("456"));
            Assert.That(listed["MODEL_REPO_ID"].Value, Is.EqualTo("user/repo"));
            Assert.That(listed["MODEL_REPO_ID"].UpdatedAt, Is.EqualTo(DateTimeOffset.Parse("2025-03-07T12:24:19.140Z", System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public async Task StreamSpaceLogs_reads_sse_lines_and_skips_keep_alives()
    {
        using var host = new HubTestHost();
        var sse = new StringBuilder()
            .Append("data: {\"data\":\"Collecting gradio\\n\",\"timestamp\":\"2025-03-07T12:24:20.123Z\"}\n\n")
            .Append("data: \n\n")
            .Append(": comment\n\n")
            .Append("data: {\"data\":\"ERROR: No matching distribution\\n\",\"timestamp\":\"2025-03-07T12:24:21.000Z\"}\n\n")
            .Append("data: not json\n\n")
            .ToString();
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/logs/build").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(sse));

        var lines = new List<SpaceLogLine>();
        await foreach (var line in host.Client.StreamSpaceLogsAsync(Space, SpaceLogKind.Build))
        {
            lines.Add(line);
        }

        var request = host.SingleRequest();
        RequestAssert.IsHubCall(request, "GET", "/api/spaces/user/tmp_test_space/logs/build");
        Assert.That(RequestAssert.Header(request, "Accept"), Is.EqualTo("text/event-stream"));
        Assert.That(lines.Select(l => l.Data), Is.EqualTo(new[] { "Collecting gradio\n", "ERROR: No matching distribution\n" }));
        Assert.That(lines[0].Timestamp, Is.EqualTo(new DateTimeOffset(2025, 3, 7, 12, 24, 20, 123, TimeSpan.Zero)));
    }

    [Test]
    public async Task StreamSpaceLogs_run_log_uses_the_run_path()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/logs/run").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream")
                .WithBody("data: {\"data\":\"Running on local URL\",\"timestamp\":\"2025-03-07T12:25:00Z\"}\n\n"));

        var count = 0;
        await foreach (var line in host.Client.StreamSpaceLogsAsync(Space, SpaceLogKind.Run))
        {
            Assert.That(line.Data, Is.EqualTo("Running on local URL"));
            count++;
        }

        Assert.That(count, Is.EqualTo(1));
    }
}
