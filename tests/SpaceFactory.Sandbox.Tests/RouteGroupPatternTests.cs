using System.Net;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>Routes mapped on route groups are counted by their whole pattern, as before the move onto groups.</summary>
[TestFixture]
public sealed class RouteGroupPatternTests
{
    [Test]
    public async Task Grouped_space_job_and_bucket_routes_are_counted_by_their_full_pattern()
    {
        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero, CompileCheck = false });
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        await client.CreateRepoAsync("grouped");

        var runtime = await client.Http.GetAsync("/api/spaces/sandbox-user/grouped/runtime");
        var jobs = await client.Http.GetAsync("/api/jobs/sandbox-user");
        var hardware = await client.Http.GetAsync("/api/jobs/hardware");
        var bucket = await client.Http.PostAsync("/api/buckets/sandbox-user/grouped", SandboxTestClient.Json("""{"private": true}"""));
        var buckets = await client.Http.GetAsync("/api/buckets/sandbox-user");
        var scheduled = await client.Http.GetAsync("/api/scheduled-jobs/sandbox-user");

        Assert.Multiple(() =>
        {
            Assert.That(new[] { runtime, jobs, hardware, bucket, buckets, scheduled }.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(sandbox.Inspector.GetRequestCount("GET", "/api/spaces/{ns}/{name}/runtime"), Is.EqualTo(1));
            Assert.That(sandbox.Inspector.GetRequestCount("GET", "/api/jobs/{ns}"), Is.EqualTo(1));
            Assert.That(sandbox.Inspector.GetRequestCount("GET", "/api/jobs/hardware"), Is.EqualTo(1));
            Assert.That(sandbox.Inspector.GetRequestCount("POST", "/api/buckets/{ns}/{name}"), Is.EqualTo(1));
            Assert.That(sandbox.Inspector.GetRequestCount("GET", "/api/buckets/{ns}"), Is.EqualTo(1));
            Assert.That(sandbox.Inspector.GetRequestCount("GET", "/api/scheduled-jobs/{ns}"), Is.EqualTo(1));
        });
    }
}
