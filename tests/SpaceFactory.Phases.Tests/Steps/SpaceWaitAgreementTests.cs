using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Steps;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Phases.Tests.Steps;

/// <summary>The factory's wait step and the Gradio client's connect use one wait, so they agree on every stage.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class SpaceWaitAgreementTests
{
    private static readonly RepoId Space = RepoId.Parse("me/demo");

    private sealed class Target : IPhaseStep
    {
        public string Name => "seed";

        public bool IsSafeToRerun => true;

        public Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
        {
            context.State.Set(FactoryState.Target, new TargetSpaceRecord { RepoId = Space, Url = "http://hub/spaces/me/demo" });
            return Task.FromResult(StepResult.Completed());
        }
    }

    [TestCase("RUNNING", true)]
    [TestCase("SLEEPING", false)]
    [TestCase("BUILD_ERROR", false)]
    [TestCase("RUNTIME_ERROR", false)]
    [TestCase("CONFIG_ERROR", false)]
    [TestCase("NO_APP_FILE", false)]
    [TestCase("PAUSED", false)]
    [TestCase("STOPPED", false)]
    [TestCase("DELETING", false)]
    [TestCase("HIBERNATING_ON_MARS", false)]
    public async Task The_wait_step_and_gradio_connect_agree_on_whether_a_space_serves(string stage, bool serves)
    {
        using var harness = new StepHarness();
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo/runtime"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"{{\"stage\":\"{stage}\",\"errorMessage\":\"why\"}}"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/spaces/me/demo/restart"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"{{\"stage\":\"{stage}\"}}"));
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"{{\"id\":\"me/demo\",\"sdk\":\"gradio\",\"host\":\"{harness.Hub.Url}\"}}"));
        var hub = harness.Step<HubClient>();
        var step = new WaitForSpaceRunningStep(hub, new SpaceWaitOptions { InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero });

        var (_, state) = await harness.RunAsync([new Target(), step]);
        Exception? connectError = null;
        try
        {
            await harness.Step<IGradioClientFactory>().ConnectToSpaceAsync(Space, new GradioConnectOptions { PollInterval = TimeSpan.Zero });
        }
        catch (HfException ex)
        {
            connectError = ex;
        }

        Assert.That(state.Steps[1].Status == StepStatus.Completed, Is.EqualTo(serves), state.Steps[1].Summary);
        Assert.That(connectError is GradioSpaceUnavailableException, Is.EqualTo(!serves), connectError?.Message);
        var restarts = harness.Hub.LogEntries.Count(e => e.RequestMessage!.Method == "POST" && e.RequestMessage.Path.EndsWith("/restart", StringComparison.Ordinal));
        Assert.That(restarts, Is.EqualTo(stage == "SLEEPING" ? 2 : 0), "each path wakes a sleeping Space once");
    }
}
