using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>Scheduled Jobs on the Sandbox's clock (a FakeTimeProvider), with the fields huggingface_hub's ScheduledJobInfo reads.</summary>
[TestFixture]
public sealed class ScheduledJobsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 30, 0, TimeSpan.Zero);

    private FakeTimeProvider _time = null!;
    private HfSandbox _sandbox = null!;
    private SandboxTestClient _client = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _time = new FakeTimeProvider(Start);
        _sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { TimeProvider = _time, CompileCheck = false });
        _client = new SandboxTestClient(_sandbox, _sandbox.DefaultToken);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    private static JsonObject Body(string schedule, bool? suspend = null) => new()
    {
        ["jobSpec"] = new JsonObject
        {
            ["dockerImage"] = "python:3.12",
            ["command"] = new JsonArray("sh", "-c", "echo tick"),
            ["flavor"] = "cpu-basic",
            ["environment"] = new JsonObject(),
        },
        ["schedule"] = schedule,
        ["suspend"] = suspend,
    };

    private async Task<JsonNode> CreateAsync(string schedule, bool? suspend = null)
    {
        var response = await _client.Http.PostAsync("/api/scheduled-jobs/sandbox-user", SandboxTestClient.Json(Body(schedule, suspend)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await SandboxTestClient.ReadJsonAsync(response);
    }

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);

    [Test]
    public async Task Create_answers_the_fields_python_reads_with_the_next_run_on_the_sandbox_clock()
    {
        var created = await CreateAsync("@hourly");

        Assert.Multiple(() =>
        {
            Assert.That(created["id"]!.GetValue<string>(), Has.Length.EqualTo(24));
            Assert.That(Time(created["createdAt"]), Is.EqualTo(Start));
            Assert.That(created["schedule"]!.GetValue<string>(), Is.EqualTo("@hourly"));
            Assert.That(created["suspend"]!.GetValue<bool>(), Is.False);
            Assert.That(created["concurrency"]!.GetValue<bool>(), Is.False);
            Assert.That(created["jobSpec"]!["dockerImage"]!.GetValue<string>(), Is.EqualTo("python:3.12"));
            Assert.That(created["jobSpec"]!["command"]!.AsArray(), Has.Count.EqualTo(3));
            Assert.That(Time(created["status"]!["nextJobRunAt"]), Is.EqualTo(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero)));
            Assert.That(created["status"]!.AsObject().ContainsKey("lastJob"), Is.False);
            Assert.That(created["owner"]!["name"]!.GetValue<string>(), Is.EqualTo("sandbox-user"));
            Assert.That(created["owner"]!["type"]!.GetValue<string>(), Is.EqualTo("user"));
        });
    }

    [Test]
    public async Task A_cron_schedule_fires_a_job_when_the_clock_passes_it_and_plans_the_next_run()
    {
        var created = await CreateAsync("*/15 * * * *");
        var id = created["id"]!.GetValue<string>();

        _time.Advance(TimeSpan.FromMinutes(14));
        var before = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/scheduled-jobs/sandbox-user/" + id));
        _time.Advance(TimeSpan.FromMinutes(1));
        var after = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/scheduled-jobs/sandbox-user/" + id));
        var runId = after["status"]!["lastJob"]?["id"]?.GetValue<string>();
        var run = await _client.Http.GetAsync("/api/jobs/sandbox-user/" + runId);

        Assert.Multiple(() =>
        {
            Assert.That(Time(created["status"]!["nextJobRunAt"]), Is.EqualTo(Start.AddMinutes(15)));
            Assert.That(before["status"]!.AsObject().ContainsKey("lastJob"), Is.False);
            Assert.That(runId, Is.Not.Null);
            Assert.That(Time(after["status"]!["lastJob"]!["at"]), Is.EqualTo(Start.AddMinutes(15)));
            Assert.That(Time(after["status"]!["nextJobRunAt"]), Is.EqualTo(Start.AddMinutes(30)));
            Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Suspend_stops_the_firing_resume_plans_again_and_delete_removes_it()
    {
        var id = (await CreateAsync("@daily"))["id"]!.GetValue<string>();

        var suspended = await SandboxTestClient.ReadJsonAsync(await _client.Http.PostAsync($"/api/scheduled-jobs/sandbox-user/{id}/suspend", null));
        _time.Advance(TimeSpan.FromDays(2));
        var whileSuspended = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/scheduled-jobs/sandbox-user/" + id));
        var resumed = await SandboxTestClient.ReadJsonAsync(await _client.Http.PostAsync($"/api/scheduled-jobs/sandbox-user/{id}/resume", null));
        var listed = (await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/scheduled-jobs/sandbox-user"))).AsArray();
        var deleted = await _client.Http.DeleteAsync("/api/scheduled-jobs/sandbox-user/" + id);
        var gone = await _client.Http.GetAsync("/api/scheduled-jobs/sandbox-user/" + id);

        Assert.Multiple(async () =>
        {
            Assert.That(suspended["suspend"]!.GetValue<bool>(), Is.True);
            Assert.That(suspended["status"]!.AsObject().ContainsKey("nextJobRunAt"), Is.False);
            Assert.That(whileSuspended["status"]!.AsObject().ContainsKey("lastJob"), Is.False, "a suspended schedule does not fire");
            Assert.That(resumed["suspend"]!.GetValue<bool>(), Is.False);
            Assert.That(Time(resumed["status"]!["nextJobRunAt"]), Is.EqualTo(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(listed.Select(j => j!["id"]!.GetValue<string>()), Is.EqualTo(new[] { id }));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await SandboxTestClient.ReadJsonAsync(gone))["error"]!.GetValue<string>(), Is.EqualTo("Scheduled job not found"));
        });
    }

    [TestCase("@weekly", "2026-03-08T00:00:00Z")]
    [TestCase("@monthly", "2026-04-01T00:00:00Z")]
    [TestCase("@yearly", "2027-01-01T00:00:00Z")]
    [TestCase("@annually", "2027-01-01T00:00:00Z")]
    [TestCase("0 9 * * 1", "2026-03-09T09:00:00Z")]
    [TestCase("30 10 * * MON-FRI", "2026-03-03T10:30:00Z")]
    [TestCase("0 0 29 FEB *", "2028-02-29T00:00:00Z")]
    public async Task Each_schedule_form_the_hub_accepts_plans_its_next_run(string schedule, string expected)
    {
        var created = await CreateAsync(schedule);

        Assert.That(Time(created["status"]!["nextJobRunAt"]), Is.EqualTo(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture)));
    }

    [TestCase("every hour", "five fields")]
    [TestCase("61 * * * *", "minute")]
    [TestCase("0 0 * 13 *", "month")]
    [TestCase("*/0 * * * *", "step")]
    public async Task An_invalid_schedule_is_400_naming_the_problem(string schedule, string named)
    {
        var response = await _client.Http.PostAsync("/api/scheduled-jobs/sandbox-user", SandboxTestClient.Json(Body(schedule)));
        var error = (await SandboxTestClient.ReadJsonAsync(response))["error"]!.GetValue<string>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error, Does.Contain(named).And.Contain(schedule));
    }

    [Test]
    public async Task Another_namespace_is_403_and_an_unknown_id_is_404()
    {
        var other = await _client.Http.PostAsync("/api/scheduled-jobs/someone-else", SandboxTestClient.Json(Body("@hourly")));
        var unknown = await _client.Http.PostAsync("/api/scheduled-jobs/sandbox-user/" + new string('0', 24) + "/suspend", null);
        using var anonymous = new SandboxTestClient(_sandbox, null);
        var noToken = await anonymous.Http.GetAsync("/api/scheduled-jobs/sandbox-user");

        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
