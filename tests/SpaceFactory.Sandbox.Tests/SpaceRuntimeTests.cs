using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace SpaceFactory.Sandbox.Tests;

[TestFixture]
public sealed class SpaceRuntimeTests
{
    private static readonly TimeSpan Build = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(3);

    private FakeTimeProvider _time = null!;
    private HfSandbox _sandbox = null!;
    private SandboxTestClient _client = null!;
    private CancellationTokenSource _timeout = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var options = new HfSandboxOptions { TimeProvider = _time, BuildDelay = Build, StartDelay = Start, CompileCheck = false };
        options.SpaceFailures.Add(new SpaceFailureRule("sandbox-user/broken-build", SpaceFailureKind.BuildError, "Build failed with exit code: 1"));
        options.SpaceFailures.Add(new SpaceFailureRule("sandbox-user/crash*", SpaceFailureKind.RuntimeError, "Exit code: 1. Reason: model not found") { Times = 1 });
        _sandbox = await HfSandbox.StartAsync(options);
        _client = new SandboxTestClient(_sandbox, _sandbox.DefaultToken);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
        _timeout.Dispose();
    }

    private async Task<JsonNode> RuntimeAsync(string space)
        => await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync($"/api/spaces/sandbox-user/{space}/runtime"));

    private async Task CreateAndCommitAsync(string space)
    {
        Assert.That((await _client.CreateRepoAsync(space)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await _client.CommitAsync("sandbox-user/" + space, SandboxApps.Files())).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_new_gradio_space_without_app_file_is_NO_APP_FILE()
    {
        await _client.CreateRepoAsync("empty");

        var runtime = await RuntimeAsync("empty");

        Assert.That(runtime["stage"]!.GetValue<string>(), Is.EqualTo("NO_APP_FILE"));
    }

    [Test]
    public async Task Stages_move_BUILDING_APP_STARTING_RUNNING_on_the_time_provider()
    {
        await CreateAndCommitAsync("demo");
        var building = await RuntimeAsync("demo");

        _time.Advance(Build);
        await _sandbox.Inspector.WaitForSpaceStageAsync("sandbox-user/demo", "APP_STARTING", _timeout.Token);
        var starting = await RuntimeAsync("demo");
        _time.Advance(Start);
        await _sandbox.Inspector.WaitForSpaceStageAsync("sandbox-user/demo", "RUNNING", _timeout.Token);
        var running = await RuntimeAsync("demo");

        Assert.Multiple(() =>
        {
            Assert.That(building["stage"]!.GetValue<string>(), Is.EqualTo("BUILDING"));
            Assert.That(building["hardware"]!["current"], Is.Null);
            Assert.That(building["hardware"]!["requested"]!.GetValue<string>(), Is.EqualTo("cpu-basic"));
            Assert.That(building["gcTimeout"]!.GetValue<int>(), Is.EqualTo(172800));
            Assert.That(building["replicas"]!["requested"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(building["devMode"]!.GetValue<bool>(), Is.False);
            Assert.That(building["domains"]![0]!["stage"]!.GetValue<string>(), Is.EqualTo("READY"));
            Assert.That(starting["stage"]!.GetValue<string>(), Is.EqualTo("APP_STARTING"));
            Assert.That(running["stage"]!.GetValue<string>(), Is.EqualTo("RUNNING"));
            Assert.That(running["hardware"]!["current"]!.GetValue<string>(), Is.EqualTo("cpu-basic"));
            Assert.That(running["domains"]![0]!["domain"]!.GetValue<string>(), Is.EqualTo(_sandbox.Inspector.GetSpaceHost("sandbox-user/demo")!.Authority));
            Assert.That(building.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "stage", "hardware", "storage", "gcTimeout", "replicas", "devMode", "domains", "sha" }), "the recorded field order");
            Assert.That(building["storage"], Is.Null);
            Assert.That(building.AsObject().ContainsKey("storage"), Is.True, "storage is written as null");
            Assert.That(building["replicas"]!.AsObject().ContainsKey("current"), Is.False, "no current replica while building");
            Assert.That(running["replicas"]!["current"]!.GetValue<int>(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_commit_while_running_rebuilds()
    {
        await CreateAndCommitAsync("rebuild");
        _time.Advance(Build);
        await _sandbox.Inspector.WaitForSpaceStageAsync("sandbox-user/rebuild", "APP_STARTING", _timeout.Token);
        _time.Advance(Start);
        await _sandbox.Inspector.WaitForSpaceStageAsync("sandbox-user/rebuild", "RUNNING", _timeout.Token);

        await _client.CommitAsync("sandbox-user/rebuild", new Dictionary<string, string> { ["notes.md"] = "x" });

        Assert.That(_sandbox.Inspector.GetSpaceStage("sandbox-user/rebuild"), Is.EqualTo("BUILDING"));
    }

    [Test]
    public async Task An_injected_build_failure_is_BUILD_ERROR_with_its_message_in_the_runtime_and_build_logs()
    {
        await CreateAndCommitAsync("broken-build");

        _time.Advance(Build);
        await _sandbox.Inspector.WaitForSpaceStageAsync("sandbox-user/broken-build", "BUILD_ERROR", _timeout.Token);
        var runtime = await RuntimeAsync("broken-build");
        var logs = await _client.Http.GetStringAsync("/api/spaces/sandbox-user/broken-build/logs/build");

        Assert.That(runtime["errorMessage"]!.GetValue<string>(), Is.EqualTo("Build failed with exit code: 1"));
        Assert.That(logs, Does.StartWith("data: {\"data\":\"===== Build Queued at 2026-11-23 12:00:00"));
        Assert.That(logs, Does.Contain("data: {\"data\":\"Build failed with exit code: 1\",\"timestamp\":\"2026-11-23T12:00:05.000Z\"}\n\n"));
    }

    [Test]
    public async Task An_injected_runtime_failure_applies_the_given_number_of_times_then_restart_succeeds()
    {
        await CreateAndCommitAsync("crash-once");
        _time.Advance(Build);
        await _sandbox.Inspector.WaitForSpaceStageAsync("sandbox-user/crash-once", "APP_STARTING", _timeout.Token);
        _time.Advance(Start);
        await _sandbox.Inspector.WaitForSpaceStageAsync("sandbox-user/crash-once", "RUNTIME_ERROR", _timeout.Token);
        var failed = await RuntimeAsync("crash-once");
        var runLog = await _client.Http.GetStringAsync("/api/spaces/sandbox-user/crash-once/logs/run");

        var restart = await _client.Http.PostAsync("/api/spaces/sandbox-user/crash-once/restart", null);
        _time.Advance(Build);
        await _sandbox.Inspector.WaitForSpaceStageAsync("sandbox-user/crash-once", "APP_STARTING", _timeout.Token);
        _time.Advance(Start);
        var final = await _sandbox.Inspector.WaitForSpaceSettledAsync("sandbox-user/crash-once", _timeout.Token);

        Assert.That(failed["errorMessage"]!.GetValue<string>(), Is.EqualTo("Exit code: 1. Reason: model not found"));
        Assert.That(runLog, Does.Contain("model not found"));
        Assert.That((await SandboxTestClient.ReadJsonAsync(restart))["stage"]!.GetValue<string>(), Is.EqualTo("BUILDING"));
        Assert.That(final, Is.EqualTo("RUNNING"));
    }

    [Test]
    public async Task A_gradio_space_without_manifest_is_RUNTIME_ERROR()
    {
        await _client.CreateRepoAsync("no-manifest");
        await _client.CommitAsync("sandbox-user/no-manifest", new Dictionary<string, string> { ["app.py"] = SandboxApps.AppPy });

        _time.Advance(Build);
        await _sandbox.Inspector.WaitForSpaceStageAsync("sandbox-user/no-manifest", "APP_STARTING", _timeout.Token);
        _time.Advance(Start);
        await _sandbox.Inspector.WaitForSpaceStageAsync("sandbox-user/no-manifest", "RUNTIME_ERROR", _timeout.Token);

        Assert.That((await RuntimeAsync("no-manifest"))["errorMessage"]!.GetValue<string>(), Is.EqualTo("no spacefactory_manifest.json: the Sandbox's simulated runtime cannot run this app"));
    }

    [Test]
    public async Task An_invalid_manifest_is_RUNTIME_ERROR_naming_the_problem()
    {
        await _client.CreateRepoAsync("bad-manifest");
        await _client.CommitAsync("sandbox-user/bad-manifest", new Dictionary<string, string> { ["app.py"] = SandboxApps.AppPy, ["spacefactory_manifest.json"] = """{"schema_version": 2}""" });

        _time.Advance(Build);
        await _sandbox.Inspector.WaitForSpaceStageAsync("sandbox-user/bad-manifest", "APP_STARTING", _timeout.Token);
        _time.Advance(Start);
        await _sandbox.Inspector.WaitForSpaceStageAsync("sandbox-user/bad-manifest", "RUNTIME_ERROR", _timeout.Token);

        Assert.That((await RuntimeAsync("bad-manifest"))["errorMessage"]!.GetValue<string>(), Does.Contain("schema_version must be 1"));
    }

    [Test]
    public async Task A_static_space_runs_without_an_app_server_stage_and_in_the_recorded_static_shape()
    {
        await _client.CreateRepoAsync("site", sdk: "static");
        await _client.CommitAsync("sandbox-user/site", new Dictionary<string, string> { ["index.html"] = "<h1>hi</h1>" });

        var runtime = await RuntimeAsync("site");

        Assert.That(runtime.ToJsonString(), Is.EqualTo("""{"stage":"RUNNING","hardware":{"current":null,"requested":null},"storage":null,"replicas":{"requested":1,"current":1}}"""));
    }

    [Test]
    public async Task Pause_answers_PAUSED_and_restart_rebuilds()
    {
        await CreateAndCommitAsync("pausable");

        var paused = await SandboxTestClient.ReadJsonAsync(await _client.Http.PostAsync("/api/spaces/sandbox-user/pausable/pause", null));
        _time.Advance(Build + Start);
        var stillPaused = await RuntimeAsync("pausable");
        var restarted = await SandboxTestClient.ReadJsonAsync(await _client.Http.PostAsync("/api/spaces/sandbox-user/pausable/restart", null));

        Assert.That(paused["stage"]!.GetValue<string>(), Is.EqualTo("PAUSED"));
        Assert.That(stillPaused["stage"]!.GetValue<string>(), Is.EqualTo("PAUSED"));
        Assert.That(restarted["stage"]!.GetValue<string>(), Is.EqualTo("BUILDING"));
    }

    [Test]
    public async Task Secrets_are_write_only_and_variables_return_the_full_map_as_recorded()
    {
        await _client.CreateRepoAsync("vars");
        var addSecret = await _client.Http.PostAsync("/api/spaces/sandbox-user/vars/secrets", SandboxTestClient.Json("""{"key": "API_KEY", "value": "s3cr3t", "description": "d"}"""));
        var secrets = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces/sandbox-user/vars/secrets"));
        var variables = await SandboxTestClient.ReadJsonAsync(await _client.Http.PostAsync("/api/spaces/sandbox-user/vars/variables", SandboxTestClient.Json("""{"key": "foo", "value": "123"}""")));
        var updated = await SandboxTestClient.ReadJsonAsync(await _client.Http.PostAsync("/api/spaces/sandbox-user/vars/variables", SandboxTestClient.Json("""{"key": "MODEL", "value": "gpt2", "description": "d"}""")));
        using var deleteSecret = new HttpRequestMessage(HttpMethod.Delete, "/api/spaces/sandbox-user/vars/secrets") { Content = SandboxTestClient.Json("""{"key": "API_KEY"}""") };
        var deletedSecret = await _client.Http.SendAsync(deleteSecret);
        using var deleteVariable = new HttpRequestMessage(HttpMethod.Delete, "/api/spaces/sandbox-user/vars/variables") { Content = SandboxTestClient.Json("""{"key": "foo"}""") };
        var afterDelete = await SandboxTestClient.ReadJsonAsync(await _client.Http.SendAsync(deleteVariable));
        var bad = await _client.Http.PostAsync("/api/spaces/sandbox-user/vars/variables", SandboxTestClient.Json("""{"key": "1bad", "value": "x"}"""));

        Assert.Multiple(async () =>
        {
            Assert.That(await addSecret.Content.ReadAsStringAsync(), Is.EqualTo("{}"));
            Assert.That(secrets["API_KEY"]!["description"]!.GetValue<string>(), Is.EqualTo("d"));
            Assert.That(secrets.ToJsonString(), Does.Not.Contain("s3cr3t"));
            Assert.That(_sandbox.Inspector.GetSpaceSecret("sandbox-user/vars", "API_KEY"), Is.Null);
            Assert.That(variables["foo"]!["value"]!.GetValue<string>(), Is.EqualTo("123"));
            Assert.That(variables["foo"]!["updatedAt"]!.GetValue<string>(), Is.EqualTo("2026-11-23T12:00:00.000Z"));
            Assert.That(updated.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "foo", "MODEL" }));
            Assert.That(await deletedSecret.Content.ReadAsStringAsync(), Is.EqualTo("{}"));
            Assert.That(afterDelete.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "MODEL" }));
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Secrets_and_variables_given_at_creation_are_stored()
    {
        var body = """{"name": "seeded", "type": "space", "sdk": "gradio", "visibility": "private", "secrets": [{"key": "HF_TOKEN", "value": "hf_x"}], "variables": [{"key": "MODEL_ID", "value": "sshleifer/tiny-gpt2"}]}""";
        await _client.Http.PostAsync("/api/repos/create", SandboxTestClient.Json(body));

        var variables = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces/sandbox-user/seeded/variables"));

        Assert.That(_sandbox.Inspector.GetSpaceSecret("sandbox-user/seeded", "HF_TOKEN"), Is.EqualTo("hf_x"));
        Assert.That(variables["MODEL_ID"]!["value"]!.GetValue<string>(), Is.EqualTo("sshleifer/tiny-gpt2"));
    }

    [Test]
    public async Task Build_logs_follow_the_build_until_it_ends()
    {
        await CreateAndCommitAsync("follow");

        // The stream either follows the build or replays the finished log: both end with the last line.
        var logs = _client.Http.GetStringAsync("/api/spaces/sandbox-user/follow/logs/build");
        _time.Advance(Build);
        var text = await logs.WaitAsync(_timeout.Token);

        Assert.That(text, Does.Contain("Build Queued"));
        Assert.That(text, Does.EndWith("data: {\"data\":\"DONE\",\"timestamp\":\"2026-11-23T12:00:05.000Z\"}\n\n"));
    }
}
