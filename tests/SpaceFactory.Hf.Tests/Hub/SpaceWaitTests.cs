using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf.Hub;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Hub;

/// <summary>The one stage classification (<see cref="SpaceStage.Kind"/>) and the one wait built on it.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class SpaceWaitTests
{
    private static readonly RepoId Space = RepoId.Parse("user/tmp_test_space");

    /// <summary>No pause on the wall clock: the polls follow each other at once.</summary>
    private static readonly SpaceRunningWaitOptions Immediate = new() { Watch = new SpaceWatchOptions { UseEventStream = false, PollInterval = TimeSpan.Zero, MaxPollInterval = TimeSpan.Zero } };

    [TestCase("RUNNING", SpaceStageKind.Running)]
    [TestCase("running", SpaceStageKind.Running)]
    [TestCase("BUILDING", SpaceStageKind.Transitional)]
    [TestCase("APP_STARTING", SpaceStageKind.Transitional)]
    [TestCase("RUNNING_BUILDING", SpaceStageKind.Transitional)]
    [TestCase("RUNNING_APP_STARTING", SpaceStageKind.Transitional)]
    [TestCase("SLEEPING", SpaceStageKind.NeedsWake)]
    [TestCase("BUILD_ERROR", SpaceStageKind.Fatal)]
    [TestCase("RUNTIME_ERROR", SpaceStageKind.Fatal)]
    [TestCase("CONFIG_ERROR", SpaceStageKind.Fatal)]
    [TestCase("NO_APP_FILE", SpaceStageKind.Fatal)]
    [TestCase("PAUSED", SpaceStageKind.Fatal)]
    [TestCase("STOPPED", SpaceStageKind.Fatal)]
    [TestCase("DELETING", SpaceStageKind.Fatal)]
    [TestCase("HIBERNATING_ON_MARS", SpaceStageKind.Fatal)]
    [TestCase("", SpaceStageKind.Fatal)]
    public void Every_stage_has_one_kind(string value, SpaceStageKind kind) =>
        Assert.That(new SpaceStage(value).Kind, Is.EqualTo(kind));

    /// <summary>The runtime answers <paramref name="stages"/> in turn, then the last one for ever.</summary>
    private static void Stages(HubTestHost host, params string[] stages)
    {
        stages = [.. stages, stages[^1]];
        for (var i = 0; i < stages.Length; i++)
        {
            var builder = host.Server.Given(Request.Create().UsingGet().WithPath("/api/spaces/user/tmp_test_space/runtime")).InScenario("runtime");
            builder = i == 0 ? builder.WhenStateIs(null!) : builder.WhenStateIs($"s{i}");
            builder.WillSetStateTo(i + 1 < stages.Length ? $"s{i + 1}" : $"s{i}")
                .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"{{\"stage\":\"{stages[i]}\",\"errorMessage\":\"why {stages[i]}\"}}"));
        }

        host.Server.Given(Request.Create().UsingPost().WithPath("/api/spaces/user/tmp_test_space/restart"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"stage\":\"APP_STARTING\"}"));
    }

    private static int Count(HubTestHost host, string method, string suffix) =>
        host.Requests.Count(r => r.Method == method && r.Path.EndsWith(suffix, StringComparison.Ordinal));

    [TestCase("BUILD_ERROR")]
    [TestCase("RUNTIME_ERROR")]
    [TestCase("CONFIG_ERROR")]
    [TestCase("NO_APP_FILE")]
    [TestCase("PAUSED")]
    [TestCase("STOPPED")]
    [TestCase("DELETING")]
    [TestCase("HIBERNATING_ON_MARS")]
    public async Task A_fatal_stage_ends_the_wait_at_once_with_that_runtime(string stage)
    {
        using var host = new HubTestHost();
        Stages(host, "BUILDING", stage);

        var wait = await host.Client.WaitForSpaceRunningAsync(Space, Immediate);

        Assert.That(wait.IsRunning, Is.False);
        Assert.That(wait.TimedOut, Is.False);
        Assert.That(wait.Runtime!.Stage.Value, Is.EqualTo(stage));
        Assert.That(wait.Runtime.ErrorMessage, Is.EqualTo("why " + stage));
        Assert.That(Count(host, "GET", "/runtime"), Is.EqualTo(2));
        Assert.That(Count(host, "POST", "/restart"), Is.Zero);
    }

    [Test]
    public async Task The_wait_follows_transitional_stages_to_running_and_tells_each_stage()
    {
        using var host = new HubTestHost();
        Stages(host, "BUILDING", "BUILDING", "APP_STARTING", "RUNNING");
        var seen = new List<string>();

        var wait = await host.Client.WaitForSpaceRunningAsync(Space, Immediate with
        {
            OnStage = (runtime, _) =>
            {
                seen.Add(runtime.Stage.Value);
                return ValueTask.CompletedTask;
            },
        });

        Assert.That(wait.IsRunning, Is.True);
        Assert.That(seen, Is.EqualTo(new[] { "BUILDING", "APP_STARTING", "RUNNING" }));
        Assert.That(Count(host, "GET", "/runtime"), Is.EqualTo(4));
    }

    [Test]
    public async Task A_sleeping_space_is_restarted_once_then_followed_to_running()
    {
        using var host = new HubTestHost();
        Stages(host, "SLEEPING", "APP_STARTING", "RUNNING");
        var woken = 0;

        var wait = await host.Client.WaitForSpaceRunningAsync(Space, Immediate with
        {
            OnWake = (_, _) =>
            {
                woken++;
                return ValueTask.CompletedTask;
            },
        });

        Assert.That(wait.IsRunning, Is.True);
        Assert.That(wait.Wakes, Is.EqualTo(1));
        Assert.That(woken, Is.EqualTo(1));
        Assert.That(Count(host, "POST", "/restart"), Is.EqualTo(1));
    }

    [TestCase(1, 1)]
    [TestCase(0, 0)]
    public async Task A_space_that_stays_asleep_ends_the_wait_after_the_allowed_wakes(int maxWakes, int restarts)
    {
        using var host = new HubTestHost();
        Stages(host, "SLEEPING");

        var wait = await host.Client.WaitForSpaceRunningAsync(Space, Immediate with { MaxWakes = maxWakes });

        Assert.That(wait.IsRunning, Is.False);
        Assert.That(wait.Runtime!.Stage.Kind, Is.EqualTo(SpaceStageKind.NeedsWake));
        Assert.That(wait.Wakes, Is.EqualTo(restarts));
        Assert.That(Count(host, "POST", "/restart"), Is.EqualTo(restarts));
    }

    [Test]
    public async Task A_space_still_building_at_the_timeout_ends_the_wait_as_timed_out_on_the_given_clock()
    {
        var clock = new ObservedTimeProvider();
        using var host = new HubTestHost(services: s => s.AddSingleton<TimeProvider>(clock));
        Stages(host, "BUILDING");

        var waiting = host.Client.WaitForSpaceRunningAsync(Space, new SpaceRunningWaitOptions
        {
            Watch = new SpaceWatchOptions { UseEventStream = false, PollInterval = TimeSpan.FromSeconds(1) },
            Timeout = TimeSpan.FromSeconds(3),
        });
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(3));
        var wait = await waiting;

        Assert.That(wait.TimedOut, Is.True);
        Assert.That(wait.IsRunning, Is.False);
        Assert.That(wait.Runtime!.Stage, Is.EqualTo(SpaceStage.Building));
    }
}
