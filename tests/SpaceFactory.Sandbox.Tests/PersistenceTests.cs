using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>A persistent Sandbox (<see cref="HfSandboxOptions.PersistState"/>) keeps its state across a restart.</summary>
[TestFixture]
public sealed class PersistenceTests
{
    private const string Token = "hf_sandbox_test_persistent";
    private const string SecretValue = "s3cr3t-test-value";
    private CancellationTokenSource _timeout = null!;
    private string _root = null!;

    [SetUp]
    public void SetUp()
    {
        _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _root = Directory.CreateTempSubdirectory("sandbox-persist-").FullName;
    }

    [TearDown]
    public void TearDown()
    {
        _timeout.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private HfSandboxOptions Options() => new()
    {
        DataRoot = _root,
        PersistState = true,
        DefaultToken = Token,
        BuildDelay = TimeSpan.Zero,
        StartDelay = TimeSpan.Zero,
        CompileCheck = false,
    };

    [Test]
    public async Task Repos_spaces_buckets_jobs_and_scheduled_jobs_are_there_after_a_restart_and_the_space_answers_again()
    {
        string jobId, scheduledId, commitOid;
        await using (var first = await HfSandbox.StartAsync(Options()))
        {
            using var hub = new SandboxTestClient(first, Token);
            await hub.CreateRepoAsync("app");
            var commit = await SandboxTestClient.ReadJsonAsync(await hub.CommitAsync("sandbox-user/app", SandboxApps.Files()));
            commitOid = commit["commitOid"]!.GetValue<string>();
            Assert.That(await first.Inspector.WaitForSpaceSettledAsync("sandbox-user/app", _timeout.Token), Is.EqualTo("RUNNING"));
            await hub.Http.PostAsync("/api/spaces/sandbox-user/app/variables", SandboxTestClient.Json("""{"key": "MODEL_ID", "value": "sshleifer/tiny-gpt2"}"""));
            await hub.Http.PostAsync("/api/spaces/sandbox-user/app/secrets", SandboxTestClient.Json($$"""{"key": "API_KEY", "value": "{{SecretValue}}"}"""));
            await hub.Http.PostAsync("/api/buckets/sandbox-user/runs", SandboxTestClient.Json("{}"));
            await File.WriteAllTextAsync(Path.Combine(first.Inspector.GetBucketFolder("sandbox-user/runs"), "note.txt"), "kept");
            var job = await SandboxTestClient.ReadJsonAsync(await hub.Http.PostAsync("/api/jobs/sandbox-user", SandboxTestClient.Json(new JsonObject
            {
                ["dockerImage"] = "python:3.12",
                ["command"] = new JsonArray("sh", "-c", "echo persisted-line"),
                ["secrets"] = new JsonObject { ["HF_TOKEN"] = SecretValue },
            })));
            jobId = job["id"]!.GetValue<string>();
            Assert.That(await first.Inspector.WaitForJobAsync(jobId, _timeout.Token), Is.EqualTo("COMPLETED"));
            var scheduled = await SandboxTestClient.ReadJsonAsync(await hub.Http.PostAsync("/api/scheduled-jobs/sandbox-user", SandboxTestClient.Json(new JsonObject
            {
                ["jobSpec"] = new JsonObject { ["dockerImage"] = "python:3.12", ["command"] = new JsonArray("sh", "-c", "echo tick") },
                ["schedule"] = "@daily",
                ["suspend"] = true,
            })));
            scheduledId = scheduled["id"]!.GetValue<string>();
        }

        var state = await File.ReadAllTextAsync(Path.Combine(_root, "state.json"));
        await using var second = await HfSandbox.StartAsync(Options());
        using var client = new SandboxTestClient(second, Token);
        var stage = await second.Inspector.WaitForSpaceSettledAsync("sandbox-user/app", _timeout.Token);
        using var app = new HttpClient { BaseAddress = second.Inspector.GetSpaceHost("sandbox-user/app") };
        app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var call = await SandboxTestClient.ReadJsonAsync(await app.PostAsync("/gradio_api/call/generate", SandboxTestClient.Json("""{"data": ["Hi", 5]}""")));
        var result = await app.GetStringAsync("/gradio_api/call/generate/" + call["event_id"]!.GetValue<string>());
        var appPy = await client.Http.GetStringAsync("/spaces/sandbox-user/app/resolve/main/app.py");
        var info = await SandboxTestClient.ReadJsonAsync(await client.Http.GetAsync("/api/spaces/sandbox-user/app"));
        var variables = await SandboxTestClient.ReadJsonAsync(await client.Http.GetAsync("/api/spaces/sandbox-user/app/variables"));
        var secrets = await SandboxTestClient.ReadJsonAsync(await client.Http.GetAsync("/api/spaces/sandbox-user/app/secrets"));
        var note = await client.Http.GetStringAsync("/buckets/sandbox-user/runs/resolve/note.txt");
        var job2 = await SandboxTestClient.ReadJsonAsync(await client.Http.GetAsync($"/api/jobs/sandbox-user/{jobId}"));
        var logs = await client.Http.GetStringAsync($"/api/jobs/sandbox-user/{jobId}/logs");
        var scheduled2 = await client.Http.GetAsync("/api/scheduled-jobs/sandbox-user/" + scheduledId);

        Assert.Multiple(() =>
        {
            Assert.That(stage, Is.EqualTo("RUNNING"));
            Assert.That(result, Is.EqualTo("event: complete\ndata: [\"Hi [simulated continuation]\"]\n\n"));
            Assert.That(appPy, Is.EqualTo(SandboxApps.AppPy));
            Assert.That(info["sha"]!.GetValue<string>(), Is.EqualTo(commitOid));
            Assert.That(second.Inspector.GetCommitCount("sandbox-user/app", "space"), Is.EqualTo(2));
            Assert.That(variables["MODEL_ID"]?["value"]?.GetValue<string>(), Is.EqualTo("sshleifer/tiny-gpt2"));
            Assert.That(secrets.ToJsonString(), Does.Contain("API_KEY"));
            Assert.That(note, Is.EqualTo("kept"));
            Assert.That(job2["status"]!["stage"]!.GetValue<string>(), Is.EqualTo("COMPLETED"));
            Assert.That(job2["secrets"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { "HF_TOKEN" }));
            Assert.That(logs, Does.Contain("persisted-line"));
            Assert.That(scheduled2.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(state, Does.Not.Contain(SecretValue), "secret values never reach the disk");
            Assert.That(state, Does.Not.Contain("sshleifer/tiny-gpt2\",\n      \"kind\""), "seeded repos are seeded again, not saved");
            Assert.That(Directory.EnumerateFiles(Path.Combine(_root, "blobs"), "*", SearchOption.AllDirectories).Count(), Is.GreaterThanOrEqualTo(4));
        });
    }

    [Test]
    public async Task A_cut_off_state_file_fails_the_start_naming_the_file_in_words()
    {
        await using (var first = await HfSandbox.StartAsync(Options()))
        {
            using var hub = new SandboxTestClient(first, Token);
            await hub.CreateRepoAsync("cut", type: "model", sdk: null);
        }

        var file = Path.Combine(_root, "state.json");
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text[..(text.Length / 2)]);

        var error = Assert.ThrowsAsync<SandboxDataException>(() => HfSandbox.StartAsync(Options()));
        Assert.Multiple(() =>
        {
            Assert.That(error!.FilePath, Is.EqualTo(file));
            Assert.That(error.Message, Does.Contain(file).And.Contain("not a complete state file"));
            Assert.That(error.Message, Does.Not.Contain("LineNumber").And.Not.Contain("BytePosition"));
            Assert.That(File.ReadAllText(file), Is.EqualTo(text[..(text.Length / 2)]), "a failed load leaves the file as it was");
        });
    }

    [Test]
    public async Task A_state_file_naming_a_missing_blob_or_another_version_is_refused_with_the_reason()
    {
        await using (var first = await HfSandbox.StartAsync(Options()))
        {
            using var hub = new SandboxTestClient(first, Token);
            await hub.CreateRepoAsync("m", type: "model", sdk: null);
            await hub.CommitAsync("sandbox-user/m", new Dictionary<string, string> { ["unique.txt"] = "content only this file has" }, type: "models");
        }

        var file = Path.Combine(_root, "state.json");
        var text = await File.ReadAllTextAsync(file);
        var blob = Directory.EnumerateFiles(Path.Combine(_root, "blobs"), "*", SearchOption.AllDirectories).Single(f => File.ReadAllText(f) == "content only this file has");
        File.Delete(blob);
        var missing = Assert.ThrowsAsync<SandboxDataException>(() => HfSandbox.StartAsync(Options()));
        await File.WriteAllTextAsync(file, text.Replace("\"version\": 1", "\"version\": 99", StringComparison.Ordinal));
        var version = Assert.ThrowsAsync<SandboxDataException>(() => HfSandbox.StartAsync(Options()));

        Assert.That(missing!.Message, Does.Contain("unique.txt").And.Contain("sandbox-user/m").And.Contain(blob).And.Contain("missing"));
        Assert.That(version!.Message, Does.Contain("version 99"));
    }

    [Test]
    public async Task One_sandbox_at_a_time_per_folder_and_persistence_needs_a_folder()
    {
        await using var first = await HfSandbox.StartAsync(Options());
        var busy = Assert.ThrowsAsync<SandboxDataException>(() => HfSandbox.StartAsync(Options()));
        var noFolder = Assert.ThrowsAsync<ArgumentException>(() => HfSandbox.StartAsync(new HfSandboxOptions { PersistState = true }));

        Assert.That(busy!.Message, Does.Contain("in use by another Sandbox").And.Contain(_root));
        Assert.That(noFolder!.Message, Does.Contain("DataRoot"));
    }
}
