using System.Net;

namespace SpaceFactory.Sandbox.Tests;

[TestFixture]
public sealed class HardwareTests
{
    [Test]
    public async Task A_flavor_outside_the_allowlist_is_402_and_beyond_the_quota_is_403()
    {
        var options = new HfSandboxOptions { AllowedHardware = new HashSet<string>(StringComparer.Ordinal) { "cpu-basic", "cpu-upgrade", "t4-small" }, UpgradedHardwareQuota = 1, CompileCheck = false };
        await using var sandbox = await HfSandbox.StartAsync(options);
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        await client.CreateRepoAsync("a");
        await client.CreateRepoAsync("b");

        var notAllowed = await client.Http.PostAsync("/api/spaces/sandbox-user/a/hardware", SandboxTestClient.Json("""{"flavor": "a100-large"}"""));
        var unknown = await client.Http.PostAsync("/api/spaces/sandbox-user/a/hardware", SandboxTestClient.Json("""{"flavor": "quantum-9000"}"""));
        var granted = await client.Http.PostAsync("/api/spaces/sandbox-user/a/hardware", SandboxTestClient.Json("""{"flavor": "t4-small"}"""));
        var overQuota = await client.Http.PostAsync("/api/spaces/sandbox-user/b/hardware", SandboxTestClient.Json("""{"flavor": "cpu-upgrade"}"""));
        var atCreation = await client.Http.PostAsync("/api/repos/create", SandboxTestClient.Json("""{"name": "c", "type": "space", "sdk": "gradio", "hardware": "h200"}"""));

        Assert.Multiple(async () =>
        {
            Assert.That(notAllowed.StatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired));
            Assert.That((await SandboxTestClient.ReadJsonAsync(notAllowed))["error"]!.GetValue<string>(), Does.Contain("a100-large").And.Contain("not available"));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(granted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await SandboxTestClient.ReadJsonAsync(granted))["hardware"]!["requested"]!.GetValue<string>(), Is.EqualTo("t4-small"));
            Assert.That(overQuota.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await SandboxTestClient.ReadJsonAsync(overQuota))["error"]!.GetValue<string>(), Does.Contain("quota"));
            Assert.That(atCreation.StatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired));
        });
    }

    [Test]
    public async Task Sleeptime_sets_gcTimeout()
    {
        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { CompileCheck = false });
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        await client.CreateRepoAsync("sleepy");

        var response = await client.Http.PostAsync("/api/spaces/sandbox-user/sleepy/sleeptime", SandboxTestClient.Json("""{"seconds": 3600}"""));

        Assert.That((await SandboxTestClient.ReadJsonAsync(response))["gcTimeout"]!.GetValue<int>(), Is.EqualTo(3600));
    }
}
