using System.Net;

namespace SpaceFactory.Sandbox.Tests;

[TestFixture]
public sealed class FaultInjectionTests
{
    private static async Task<List<int>> StatusesAsync(HfSandbox sandbox, string path, int count)
    {
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        var statuses = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            statuses.Add((int)(await client.Http.GetAsync(path)).StatusCode);
        }

        return statuses;
    }

    private static HfSandboxOptions Options(int seed, params FaultRule[] rules)
    {
        var options = new HfSandboxOptions { FaultSeed = seed, CompileCheck = false, SeedModels = false };
        foreach (var rule in rules)
        {
            options.Faults.Add(rule);
        }

        return options;
    }

    [Test]
    public async Task Error_rates_follow_the_configured_probabilities_and_the_seed_makes_them_reproducible()
    {
        var rule = new FaultRule { PathPrefix = "/api/whoami-v2", Rate5xx = 0.2, Rate429 = 0.1 };
        await using var first = await HfSandbox.StartAsync(Options(7, rule));
        await using var second = await HfSandbox.StartAsync(Options(7, rule));

        var a = await StatusesAsync(first, "/api/whoami-v2", 400);
        var b = await StatusesAsync(second, "/api/whoami-v2", 400);
        var errors = a.Count(s => s == 503);
        var limited = a.Count(s => s == 429);

        // Binomial(400, 0.2): mean 80, sd 8; (400, 0.1): mean 40, sd 6. Bounds at about 4 sd.
        Assert.That(errors, Is.InRange(48, 112));
        Assert.That(limited, Is.InRange(16, 64));
        Assert.That(a.Count(s => s == 200), Is.EqualTo(400 - errors - limited));
        Assert.That(b, Is.EqualTo(a));
        Assert.That(first.Inspector.Faults5xx, Is.EqualTo(errors));
        Assert.That(first.Inspector.Faults429, Is.EqualTo(limited));
        Assert.That(first.Inspector.FaultsInjected, Is.EqualTo(errors + limited));
    }

    [Test]
    public async Task A_429_carries_Retry_After_and_RateLimit()
    {
        await using var sandbox = await HfSandbox.StartAsync(Options(1, new FaultRule { PathPrefix = "/api/", Rate429 = 1, RetryAfterSeconds = 7 }));
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);

        var response = await client.Http.GetAsync("/api/whoami-v2");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(response.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(response.Headers.GetValues("RateLimit").Single(), Is.EqualTo("\"api\";r=0;t=7"));
    }

    [Test]
    public async Task Only_matching_paths_and_methods_get_faults()
    {
        await using var sandbox = await HfSandbox.StartAsync(Options(1, new FaultRule { PathPrefix = "/api/repos/", Methods = ["POST"], Rate5xx = 1 }));

        var whoami = await StatusesAsync(sandbox, "/api/whoami-v2", 5);
        var get = await StatusesAsync(sandbox, "/api/repos/create", 1);
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        var create = await client.CreateRepoAsync("x");

        Assert.That(whoami, Is.All.EqualTo(200));
        Assert.That(get.Single(), Is.Not.EqualTo(503));
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(sandbox.Inspector.ReposCreated, Is.Zero);
    }

    [Test]
    public async Task A_dropped_connection_fails_the_request_without_a_response()
    {
        await using var sandbox = await HfSandbox.StartAsync(Options(1, new FaultRule { PathPrefix = "/api/whoami-v2", RateDrop = 1 }));
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);

        Assert.ThrowsAsync<HttpRequestException>(() => client.Http.GetAsync("/api/whoami-v2"));
        Assert.That(sandbox.Inspector.FaultDrops, Is.EqualTo(1));
    }

    [Test]
    public async Task A_fault_after_the_handler_loses_the_response_but_keeps_the_write()
    {
        await using var sandbox = await HfSandbox.StartAsync(Options(1, new FaultRule { PathPrefix = "/api/repos/create", Rate5xx = 1, AfterHandler = true }));
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);

        var first = await client.CreateRepoAsync("written", type: "model", sdk: null);
        var info = await client.Http.GetAsync("/api/models/sandbox-user/written");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(sandbox.Inspector.ReposCreated, Is.EqualTo(1));
        Assert.That(info.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Faults_can_target_space_apps()
    {
        var options = Options(1, new FaultRule { PathPrefix = "/config", Rate5xx = 1, IncludeSpaceApps = true });
        options.BuildDelay = TimeSpan.Zero;
        options.StartDelay = TimeSpan.Zero;
        await using var sandbox = await HfSandbox.StartAsync(options);
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.CreateRepoAsync("faulty", visibility: "public");
        await client.CommitAsync("sandbox-user/faulty", SandboxApps.Files());
        await sandbox.Inspector.WaitForSpaceSettledAsync("sandbox-user/faulty", timeout.Token);
        using var app = new HttpClient { BaseAddress = sandbox.Inspector.GetSpaceHost("sandbox-user/faulty") };

        Assert.That((await app.GetAsync("/config")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((await app.GetAsync("/gradio_api/info")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Rules_can_be_added_and_cleared_at_run_time()
    {
        await using var sandbox = await HfSandbox.StartAsync(Options(1));
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);

        var before = await client.Http.GetAsync("/api/whoami-v2");
        sandbox.AddFaultRule(new FaultRule { Rate5xx = 1, ServerErrorStatus = 502 });
        var during = await client.Http.GetAsync("/api/whoami-v2");
        sandbox.ClearFaultRules();
        var after = await client.Http.GetAsync("/api/whoami-v2");

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(during.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
