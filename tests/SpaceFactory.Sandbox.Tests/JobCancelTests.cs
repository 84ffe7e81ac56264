using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>Cancelling a Job sends its processes SIGTERM first (as a container runtime does), SIGKILL after the grace period.</summary>
[TestFixture]
[Platform(Exclude = "Win")]
public sealed class JobCancelTests
{
    private CancellationTokenSource _timeout = null!;

    [SetUp]
    public void SetUp() => _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

    [TearDown]
    public void TearDown() => _timeout.Dispose();

    private static async Task<string> StartAndWaitForAsync(SandboxTestClient client, string script, string marker, CancellationToken cancellationToken)
    {
        var spec = new JsonObject { ["dockerImage"] = "python:3.12", ["command"] = new JsonArray("sh", "-c", script) };
        var job = await SandboxTestClient.ReadJsonAsync(await client.Http.PostAsync("/api/jobs/sandbox-user", SandboxTestClient.Json(spec), cancellationToken));
        var id = job["id"]!.GetValue<string>();
        using var logs = await client.Http.GetAsync($"/api/jobs/sandbox-user/{id}/logs", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await logs.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line && !line.Contains(marker, StringComparison.Ordinal))
        {
            // Follow the log until the script is ready for the signal.
        }

        return id;
    }

    [Test]
    public async Task A_cancelled_job_gets_SIGTERM_and_may_stop_cleanly_its_last_words_in_the_log()
    {
        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { SeedModels = false });
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        var id = await StartAndWaitForAsync(client, "trap 'echo stopping-cleanly; exit 0' TERM; echo ready; while :; do sleep 1; done", "ready", _timeout.Token);

        var cancel = await client.Http.PostAsync($"/api/jobs/sandbox-user/{id}/cancel", null);
        var stage = await sandbox.Inspector.WaitForJobAsync(id, _timeout.Token);
        var logs = await client.Http.GetStringAsync($"/api/jobs/sandbox-user/{id}/logs");
        var inspected = await SandboxTestClient.ReadJsonAsync(await client.Http.GetAsync($"/api/jobs/sandbox-user/{id}"));

        Assert.Multiple(() =>
        {
            Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(stage, Is.EqualTo("CANCELED"));
            Assert.That(logs, Does.Contain("stopping-cleanly"), "the trap ran: the signal was SIGTERM, not SIGKILL");
            Assert.That(inspected["status"]!["message"]!.GetValue<string>(), Is.EqualTo("Canceled by the user"));
        });
    }

    [Test]
    public async Task A_job_that_ignores_SIGTERM_is_killed_after_the_grace_period_on_the_sandbox_clock()
    {
        var time = new FakeTimeProvider();
        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { SeedModels = false, TimeProvider = time });
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        var id = await StartAndWaitForAsync(client, "trap '' TERM; echo ready; sleep 600", "ready", _timeout.Token);

        await client.Http.PostAsync($"/api/jobs/sandbox-user/{id}/cancel", null);
        var finished = sandbox.Inspector.WaitForJobAsync(id, _timeout.Token);
        var stillRunning = !finished.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.That(stillRunning, Is.True, "SIGTERM is ignored: the processes live until the grace period ends");
        Assert.That(await finished, Is.EqualTo("CANCELED"));
    }
}
