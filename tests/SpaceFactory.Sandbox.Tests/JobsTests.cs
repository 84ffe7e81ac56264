using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace SpaceFactory.Sandbox.Tests;

[TestFixture]
public sealed class JobsTests
{
    private HfSandbox _sandbox = null!;
    private SandboxTestClient _client = null!;
    private CancellationTokenSource _timeout = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { CompileCheck = false, PageSize = 2 });
        _client = new SandboxTestClient(_sandbox, _sandbox.DefaultToken);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
        _timeout.Dispose();
    }

    private static JsonObject Spec(params string[] command) => new()
    {
        ["command"] = new JsonArray(command.Select(c => (JsonNode)c).ToArray()),
        ["arguments"] = new JsonArray(),
        ["environment"] = new JsonObject(),
        ["flavor"] = "cpu-basic",
        ["dockerImage"] = "python:3.12",
    };

    private async Task<JsonNode> RunAsync(JsonObject spec, string ns = "sandbox-user")
    {
        var response = await _client.Http.PostAsync("/api/jobs/" + ns, SandboxTestClient.Json(spec));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await SandboxTestClient.ReadJsonAsync(response);
    }

    [Test]
    public async Task Duplicate_runs_a_new_job_with_a_copy_of_the_spec_and_is_404_for_an_unknown_id()
    {
        var spec = Spec("sh", "-c", "echo \"$A\"");
        spec["environment"] = new JsonObject { ["A"] = "copied" };
        spec["labels"] = new JsonObject { ["name"] = "first" };
        var original = await RunAsync(spec);
        var id = original["id"]!.GetValue<string>();

        var duplicated = await _client.Http.PostAsync($"/api/jobs/sandbox-user/{id}/duplicate", SandboxTestClient.Json(new JsonObject()));
        var copy = await SandboxTestClient.ReadJsonAsync(duplicated);
        var copyId = copy["id"]!.GetValue<string>();
        var stage = await _sandbox.Inspector.WaitForJobAsync(copyId, _timeout.Token);
        await _client.Http.PutAsync($"/api/jobs/sandbox-user/{copyId}/labels", SandboxTestClient.Json(new JsonObject { ["labels"] = new JsonObject { ["name"] = "second" } }));
        var originalAfter = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync($"/api/jobs/sandbox-user/{id}"));
        var logs = await _client.Http.GetStringAsync($"/api/jobs/sandbox-user/{copyId}/logs");
        var unknown = await _client.Http.PostAsync("/api/jobs/sandbox-user/0123456789abcdef01234567/duplicate", SandboxTestClient.Json(new JsonObject()));

        Assert.Multiple(() =>
        {
            Assert.That(duplicated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(copyId, Is.Not.EqualTo(id));
            Assert.That(copy["command"]!.ToJsonString(), Is.EqualTo(original["command"]!.ToJsonString()));
            Assert.That(copy["dockerImage"]!.GetValue<string>(), Is.EqualTo("python:3.12"));
            Assert.That(stage, Is.EqualTo("COMPLETED"));
            Assert.That(logs, Does.Contain("copied"));
            Assert.That(originalAfter["labels"]!["name"]!.GetValue<string>(), Is.EqualTo("first"), "the copy's spec is its own");
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task A_job_runs_its_command_with_its_secret_and_streams_its_logs()
    {
        var spec = Spec("sh", "-c", "echo hi; printf %s \"$SECRET_X\" | wc -c; echo \"$A\"");
        spec["environment"] = new JsonObject { ["A"] = "plain" };
        spec["secrets"] = new JsonObject { ["SECRET_X"] = "abcdef" };
        spec["labels"] = new JsonObject { ["name"] = "demo" };

        var job = await RunAsync(spec);
        var id = job["id"]!.GetValue<string>();
        var logs = await _client.Http.GetStringAsync($"/api/jobs/sandbox-user/{id}/logs");
        var stage = await _sandbox.Inspector.WaitForJobAsync(id, _timeout.Token);
        var inspected = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync($"/api/jobs/sandbox-user/{id}"));
        var lines = logs.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(id, Does.Match("^[0-9a-f]{24}$"));
            Assert.That(job["status"]!["stage"]!.GetValue<string>(), Is.EqualTo("RUNNING"));
            Assert.That(lines[0]!["data"]!.GetValue<string>(), Does.StartWith("===== Job started"));
            Assert.That(lines.Skip(1).Select(l => l!["data"]!.GetValue<string>().Trim()), Is.EqualTo(new[] { "hi", "6", "plain" }));
            Assert.That(lines[1]!["timestamp"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
            Assert.That(stage, Is.EqualTo("COMPLETED"));
            Assert.That(inspected["status"]!["stage"]!.GetValue<string>(), Is.EqualTo("COMPLETED"));
            Assert.That(inspected["secrets"]!.ToJsonString(), Is.EqualTo("""["SECRET_X"]"""));
            Assert.That(inspected.ToJsonString(), Does.Not.Contain("abcdef"));
            Assert.That(inspected["labels"]!["name"]!.GetValue<string>(), Is.EqualTo("demo"));
            Assert.That(inspected["owner"]!["name"]!.GetValue<string>(), Is.EqualTo("sandbox-user"));
            Assert.That(inspected["finishedAt"]!.GetValue<string>(), Is.Not.Null);
        });
    }

    [Test]
    public async Task The_job_answer_has_the_hub_field_order_and_writes_unknown_values_as_null()
    {
        var spec = Spec("sh", "-c", "exit 0");
        spec["volumes"] = new JsonArray(new JsonObject { ["type"] = "model", ["source"] = "sshleifer/tiny-gpt2", ["mountPath"] = "/data" });

        var job = (await RunAsync(spec)).AsObject();

        Assert.That(job.Select(p => p.Key), Is.EqualTo(new[]
        {
            "id", "type", "createdAt", "startedAt", "finishedAt", "dockerImage", "spaceId", "command", "arguments", "environment",
            "secrets", "flavor", "labels", "volumes", "status", "durations", "owner", "initiator",
        }));
        Assert.That(job["spaceId"], Is.Null);
        Assert.That(job["volumes"]![0]!.ToJsonString(), Is.EqualTo("""{"type":"model","source":"sshleifer/tiny-gpt2","mountPath":"/data","readOnly":true}"""));
        Assert.That(job["durations"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "schedulingSecs", "runningSecs", "totalSecs" }));
        Assert.That(job["initiator"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "type", "id", "name" }));
    }

    [Test]
    public async Task A_failing_command_is_ERROR_with_the_exit_code()
    {
        var job = await RunAsync(Spec("sh", "-c", "echo oops >&2; exit 3"));
        var id = job["id"]!.GetValue<string>();

        var stage = await _sandbox.Inspector.WaitForJobAsync(id, _timeout.Token);
        var inspected = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync($"/api/jobs/sandbox-user/{id}"));
        var logs = await _client.Http.GetStringAsync($"/api/jobs/sandbox-user/{id}/logs?tail=1");

        Assert.That(stage, Is.EqualTo("ERROR"));
        Assert.That(inspected["status"]!["message"]!.GetValue<string>(), Is.EqualTo("Job failed with exit code: 3"));
        Assert.That(logs, Does.StartWith("data: {\"data\":\"oops\"").And.Not.Contain("Job started"));
    }

    [Test]
    public async Task A_command_that_cannot_start_is_ERROR()
    {
        var job = await RunAsync(Spec("/nonexistent/binary"));

        var stage = await _sandbox.Inspector.WaitForJobAsync(job["id"]!.GetValue<string>(), _timeout.Token);

        Assert.That(stage, Is.EqualTo("ERROR"));
        Assert.That(_sandbox.Inspector.GetJobStage(job["id"]!.GetValue<string>()), Is.EqualTo("ERROR"));
    }

    [Test]
    public async Task Cancel_kills_the_process_tree_and_the_job_is_CANCELED()
    {
        var job = await RunAsync(Spec("sh", "-c", "sleep 60 & wait"));
        var id = job["id"]!.GetValue<string>();

        var cancel = await _client.Http.PostAsync($"/api/jobs/sandbox-user/{id}/cancel", null);
        var stage = await _sandbox.Inspector.WaitForJobAsync(id, _timeout.Token);

        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stage, Is.EqualTo("CANCELED"));
    }

    [Test]
    public async Task A_job_running_past_its_timeout_is_ERROR_timeout()
    {
        var time = new FakeTimeProvider();
        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { TimeProvider = time, CompileCheck = false });
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        var spec = Spec("sleep", "60");
        spec["timeoutSeconds"] = 5;
        var job = await SandboxTestClient.ReadJsonAsync(await client.Http.PostAsync("/api/jobs/sandbox-user", SandboxTestClient.Json(spec)));
        var id = job["id"]!.GetValue<string>();

        time.Advance(TimeSpan.FromSeconds(5));
        var stage = await sandbox.Inspector.WaitForJobAsync(id, _timeout.Token);
        var inspected = await SandboxTestClient.ReadJsonAsync(await client.Http.GetAsync($"/api/jobs/sandbox-user/{id}"));

        Assert.That(stage, Is.EqualTo("ERROR"));
        Assert.That(inspected["status"]!["message"]!.GetValue<string>(), Does.StartWith("timeout"));
        Assert.That(inspected["timeoutSeconds"]!.GetValue<int>(), Is.EqualTo(5));
    }

    [Test]
    public async Task A_bucket_volume_maps_the_mount_path_to_the_bucket_folder()
    {
        await _client.Http.PostAsync("/api/buckets/me/out", SandboxTestClient.Json("""{"private": true}"""));
        var spec = Spec("sh", "-c", "mkdir -p /output/run1 && echo done > /output/run1/state.json && echo \"$OUT\" && echo \"$HF_SANDBOX_VOLUMES\"");
        spec["environment"] = new JsonObject { ["OUT"] = "/output/run1" };
        spec["volumes"] = new JsonArray(new JsonObject { ["type"] = "bucket", ["source"] = "sandbox-user/out", ["mountPath"] = "/output" });

        var job = await RunAsync(spec);
        var id = job["id"]!.GetValue<string>();
        var stage = await _sandbox.Inspector.WaitForJobAsync(id, _timeout.Token);
        var logs = await _client.Http.GetStringAsync($"/api/jobs/sandbox-user/{id}/logs");
        var folder = _sandbox.Inspector.GetBucketFolder("sandbox-user/out");
        var tree = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/buckets/sandbox-user/out/tree?recursive=true"));

        Assert.That(stage, Is.EqualTo("COMPLETED"), logs);
        Assert.That(File.ReadAllText(Path.Combine(folder, "run1", "state.json")), Is.EqualTo("done\n"));
        Assert.That(logs, Does.Contain(Path.Combine(folder, "run1")));
        Assert.That(logs, Does.Contain("{\\\"/output\\\":\\\"" + folder));
        Assert.That(tree[0]!["path"]!.GetValue<string>(), Is.EqualTo("run1/state.json"));
        Assert.That(job["volumes"]![0]!["readOnly"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task A_missing_bucket_volume_fails_the_job()
    {
        var spec = Spec("true");
        spec["volumes"] = new JsonArray(new JsonObject { ["type"] = "bucket", ["source"] = "sandbox-user/none", ["mountPath"] = "/output" });

        var job = await RunAsync(spec);
        var stage = await _sandbox.Inspector.WaitForJobAsync(job["id"]!.GetValue<string>(), _timeout.Token);
        var inspected = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/jobs/sandbox-user/" + job["id"]!.GetValue<string>()));

        Assert.That(stage, Is.EqualTo("ERROR"));
        Assert.That(inspected["status"]!["message"]!.GetValue<string>(), Does.Contain("sandbox-user/none"));
    }

    [Test]
    public async Task List_is_paged_with_a_link_header_and_filters_by_stage_and_label()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var spec = Spec("true");
            spec["labels"] = new JsonObject { ["batch"] = i < 2 ? "a" : "b" };
            var job = await RunAsync(spec);
            ids.Add(job["id"]!.GetValue<string>());
            await _sandbox.Inspector.WaitForJobAsync(ids[^1], _timeout.Token);
        }

        var first = await _client.Http.GetAsync("/api/jobs/sandbox-user");
        var next = first.Headers.GetValues("Link").Single();
        var nextUrl = next[1..next.IndexOf('>', StringComparison.Ordinal)];
        var second = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync(nextUrl));
        var labelled = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/jobs/sandbox-user?label=batch%3Da&stage=COMPLETED"));
        var running = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/jobs/sandbox-user?stage=RUNNING"));

        Assert.That((await SandboxTestClient.ReadJsonAsync(first)).AsArray().Count, Is.EqualTo(2));
        Assert.That(next, Does.EndWith(">; rel=\"next\""));
        Assert.That(second.AsArray().Count, Is.EqualTo(1));
        Assert.That(labelled.AsArray().Count, Is.EqualTo(2));
        Assert.That(running.AsArray().Count, Is.Zero);
    }

    [Test]
    public async Task Jobs_of_another_namespace_are_403_and_unknown_jobs_404()
    {
        var other = await _client.Http.PostAsync("/api/jobs/someone-else", SandboxTestClient.Json(Spec("true")));
        var unknown = await _client.Http.GetAsync("/api/jobs/sandbox-user/0123456789abcdef01234567");
        var bad = await _client.Http.PostAsync("/api/jobs/sandbox-user", SandboxTestClient.Json("""{"command": ["true"]}"""));

        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Hardware_lists_flavors_in_the_documented_shape()
    {
        var hardware = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/jobs/hardware"));
        var cpu = hardware.AsArray().Single(h => h!["name"]!.GetValue<string>() == "cpu-basic")!;

        Assert.That(cpu.AsObject().Select(p => p.Key), Is.SupersetOf(new[] { "name", "prettyName", "cpu", "ram", "accelerator", "unitCostMicroUSD", "unitCostUSD", "unitLabel" }));
        Assert.That(hardware.AsArray().Single(h => h!["name"]!.GetValue<string>() == "t4-small")!["accelerator"]!["model"]!.GetValue<string>(), Is.EqualTo("T4"));
    }

    [Test]
    public async Task An_image_command_map_rewrites_the_argv()
    {
        var options = new HfSandboxOptions { CompileCheck = false };
        options.JobImageCommandMap["busybox"] = argv => ["sh", "-c", "echo mapped:" + string.Join(' ', argv)];
        await using var sandbox = await HfSandbox.StartAsync(options);
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        var spec = Spec("hello", "world");
        spec["dockerImage"] = "busybox";

        var job = await SandboxTestClient.ReadJsonAsync(await client.Http.PostAsync("/api/jobs/sandbox-user", SandboxTestClient.Json(spec)));
        var logs = await client.Http.GetStringAsync($"/api/jobs/sandbox-user/{job["id"]!.GetValue<string>()}/logs");

        Assert.That(logs, Does.Contain("mapped:hello world"));
    }
}
