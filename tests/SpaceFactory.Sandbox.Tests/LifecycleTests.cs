using System.Net;
using System.Text;

namespace SpaceFactory.Sandbox.Tests;

[TestFixture]
public sealed class LifecycleTests
{
    /// <summary>Signals when a line containing a marker has been written.</summary>
    private sealed class SignalingWriter(string marker) : StringWriter
    {
        public TaskCompletionSource Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override Task WriteLineAsync(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(marker, StringComparison.Ordinal) == true)
            {
                Seen.TrySetResult();
            }

            return Task.CompletedTask;
        }
    }

    [Test]
    public async Task RunAsync_prints_the_endpoint_and_token_serves_until_cancelled()
    {
        using var output = new SignalingWriter("export HF_ENDPOINT=");
        using var stop = new CancellationTokenSource();
        var run = HfSandbox.RunAsync(new HfSandboxOptions { DefaultToken = "hf_sandbox_fixedtoken", SeedModels = false }, output, stop.Token);

        await output.Seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var text = output.ToString();
        var endpoint = text.Split('\n').Single(l => l.StartsWith("SpaceFactory Sandbox listening on ", StringComparison.Ordinal))["SpaceFactory Sandbox listening on ".Length..].Trim();
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "hf_sandbox_fixedtoken");
        var whoami = await client.GetAsync(endpoint + "api/whoami-v2");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(text, Does.Contain("token: hf_sandbox_fixedtoken"));
        Assert.That(whoami.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(endpoint + "api/whoami-v2"));
    }

    [Test]
    public async Task A_temporary_data_root_is_deleted_and_a_given_one_is_kept()
    {
        var given = Directory.CreateTempSubdirectory("sandbox-kept-").FullName;
        string temporary;
        await using (var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { SeedModels = false }))
        {
            temporary = sandbox.DataRoot;
            Assert.That(Directory.Exists(temporary), Is.True);
        }

        await using (var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { DataRoot = given, SeedModels = false }))
        {
            using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
            await client.CreateRepoAsync("m", type: "model", sdk: null);
        }

        Assert.That(Directory.Exists(temporary), Is.False);
        Assert.That(Directory.EnumerateFiles(Path.Combine(given, "blobs"), "*", SearchOption.AllDirectories), Is.Not.Empty);
        Directory.Delete(given, recursive: true);
    }

    [Test]
    public void Invalid_options_and_users_are_rejected_with_the_bad_part_named()
    {
        var negative = Assert.ThrowsAsync<ArgumentException>(() => HfSandbox.StartAsync(new HfSandboxOptions { BuildDelay = TimeSpan.FromSeconds(-1) }));
        var user = Assert.ThrowsAsync<ArgumentException>(() => HfSandbox.StartAsync(new HfSandboxOptions { DefaultUser = "bad user" }));

        Assert.That(negative!.Message, Does.Contain("BuildDelay"));
        Assert.That(user!.Message, Does.Contain("DefaultUser"));
    }

    [Test]
    public async Task A_static_space_serves_its_files_at_its_host()
    {
        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { SeedModels = false });
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        await client.CreateRepoAsync("site", visibility: "public", sdk: "static");
        await client.CommitAsync("sandbox-user/site", new Dictionary<string, string> { ["index.html"] = "<h1>hello</h1>" });
        using var app = new HttpClient { BaseAddress = sandbox.Inspector.GetSpaceHost("sandbox-user/site") };

        var page = await app.GetStringAsync("/");

        Assert.That(page, Is.EqualTo("<h1>hello</h1>"));
    }

    [Test]
    public async Task The_events_stream_reports_stage_changes()
    {
        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { SeedModels = false, CompileCheck = false, BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero });
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.CreateRepoAsync("ev");
        await client.CommitAsync("sandbox-user/ev", SandboxApps.Files());
        await sandbox.Inspector.WaitForSpaceSettledAsync("sandbox-user/ev", timeout.Token);

        using var response = await client.Http.GetAsync("/api/spaces/sandbox-user/ev/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token), Encoding.UTF8);
        var eventLine = await reader.ReadLineAsync(timeout.Token);
        var dataLine = await reader.ReadLineAsync(timeout.Token);

        Assert.That(eventLine, Is.EqualTo("event: status"));
        Assert.That(dataLine, Does.StartWith("data: {\"stage\":\"RUNNING\""));
    }
}
