using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Steps;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Phases.Tests.Steps;

/// <summary>The deploying steps' failure and reconciliation paths against a WireMock Hub.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class DeployStepTests
{
    private static readonly RepoId Space = RepoId.Parse("me/demo");

    /// <summary>A first step that puts the target (and optionally an app and a recommendation) in the state bag.</summary>
    private sealed class Seed(GeneratedSpaceApp? app = null, IReadOnlyList<string>? flavors = null) : IPhaseStep
    {
        public string Name => "seed";

        public bool IsSafeToRerun => true;

        public Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
        {
            context.State.Set(FactoryState.Target, new TargetSpaceRecord { RepoId = Space, Url = "http://hub/spaces/me/demo" });
            if (app is not null)
            {
                context.State.Set(FactoryState.App, GeneratedAppRecord.From(app));
            }

            if (flavors is not null)
            {
                context.State.Set(FactoryState.Recommendation, new SpaceFactory.Phases.Analysis.RuntimeRecommendation { Flavors = flavors, Reasons = ["test"] });
            }

            return Task.FromResult(StepResult.Completed());
        }
    }

    private static void Exists(StepHarness harness, bool exists) =>
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).AtPriority(10)
            .RespondWith(exists
                ? Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"id\":\"me/demo\",\"private\":true}")
                : Response.Create().WithStatusCode(404).WithHeader("X-Error-Code", "RepoNotFound").WithBody("{\"error\":\"Repository not found\"}"));

    private static int Count(StepHarness harness, string method, string path) =>
        harness.Hub.LogEntries.Count(e => e.RequestMessage!.Method == method && e.RequestMessage.Path == path);

    [Test]
    public async Task Create_sends_a_private_gradio_space_and_never_visibility_public()
    {
        using var harness = new StepHarness();
        Exists(harness, false);
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/repos/create"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"url\":\"http://hub/spaces/me/demo\",\"name\":\"me/demo\"}"));

        var (result, _) = await harness.RunAsync([new Seed(), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Incomplete), "creation alone declares nothing");
        var body = harness.Hub.LogEntries.Single(e => e.RequestMessage!.Path == "/api/repos/create").RequestMessage!.Body!;
        using var json = System.Text.Json.JsonDocument.Parse(body);
        Assert.That(json.RootElement.GetProperty("visibility").GetString(), Is.EqualTo("private"));
        Assert.That(json.RootElement.GetProperty("type").GetString(), Is.EqualTo("space"));
        Assert.That(json.RootElement.GetProperty("sdk").GetString(), Is.EqualTo("gradio"));
        Assert.That(json.RootElement.GetProperty("name").GetString(), Is.EqualTo("demo"));
        Assert.That(json.RootElement.GetProperty("organization").GetString(), Is.EqualTo("me"));
    }

    [Test]
    public async Task A_lost_answer_to_create_is_reconciled_by_looking_not_by_sending_again()
    {
        using var harness = new StepHarness();
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).InScenario("lost").WhenStateIs("created")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(SpaceOwnershipStepTests.SpaceJson(isPrivate: true, DateTimeOffset.UtcNow)));
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).InScenario("lost").WhenStateIs(null!)
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Error-Code", "RepoNotFound"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/repos/create")).InScenario("lost").WillSetStateTo("created")
            .RespondWith(Response.Create().WithStatusCode(502).WithBody("Bad Gateway"));

        var (_, state) = await harness.RunAsync([new Seed(), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(state.Steps[1].Status, Is.EqualTo(StepStatus.Completed), state.Steps[1].Error?.Message);
        Assert.That(state.Steps[1].Summary, Does.Contain("adopted"));
        Assert.That(Count(harness, "POST", "/api/repos/create"), Is.EqualTo(1), "the create was not repeated");
    }

    [Test]
    public async Task A_free_account_refused_a_gradio_space_gets_zerogpu_then_a_typed_outcome()
    {
        using var harness = new StepHarness();
        Exists(harness, false);
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/repos/create"))
            .RespondWith(Response.Create().WithStatusCode(402).WithHeader("Content-Type", "application/json").WithBody("{\"error\":\"Gradio Spaces need a PRO plan\"}"));

        var (result, _) = await harness.RunAsync([new Seed(), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.ManualHardwareRequired));
        Assert.That(result.Outcome.Reason, Does.Contain("also on ZeroGPU").And.Contain("PRO plan"));
        var bodies = harness.Hub.LogEntries.Where(e => e.RequestMessage!.Path == "/api/repos/create").Select(e => e.RequestMessage!.Body).ToList();
        Assert.That(bodies, Has.Count.EqualTo(2));
        Assert.That(bodies[1], Does.Contain("\"hardware\":\"zero-a10g\""));
    }

    [Test]
    public async Task Refused_hardware_requests_end_as_manual_hardware_required_with_every_reason()
    {
        using var harness = new StepHarness();
        // Absent until created, then there (private) for the check before each hardware request.
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).InScenario("hardware").WhenStateIs(null!)
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Error-Code", "RepoNotFound"));
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).InScenario("hardware").WhenStateIs("created").WillSetStateTo("created")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(SpaceOwnershipStepTests.SpaceJson(isPrivate: true, DateTimeOffset.UtcNow)));
        // The first flavor is asked for at creation and refused there; the Space is then created on cpu-basic.
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/repos/create").WithBody(new JsonPartialMatcher("{\"hardware\":\"zero-a10g\"}"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json").WithBody("{\"error\":\"ZeroGPU quota reached\"}"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/repos/create")).AtPriority(5).InScenario("hardware").WillSetStateTo("created")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"url\":\"http://hub/spaces/me/demo\",\"name\":\"me/demo\"}"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/spaces/me/demo/hardware").WithBody(new JsonPartialMatcher("{\"flavor\":\"t4-small\"}")))
            .RespondWith(Response.Create().WithStatusCode(402).WithHeader("Content-Type", "application/json").WithBody("{\"error\":\"Add a payment method\"}"));

        var (result, state) = await harness.RunAsync([new Seed(flavors: ["zero-a10g", "t4-small"]), harness.Step<CreatePrivateSpaceStep>(), harness.Step<StopForManualHardwareStep>()]);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.ManualHardwareRequired), result.Outcome.Reason);
        Assert.That(result.Outcome.Reason, Does.Contain("zero-a10g: ZeroGPU quota reached").And.Contain("t4-small: Add a payment method"));
        Assert.That(result.Outcome.Reason, Does.Contain("http://hub/spaces/me/demo/settings").And.Contain("spacefactory validate me/demo"));
        Assert.That(state.Steps.Single(s => s.Name == "create_private_space").Status, Is.EqualTo(StepStatus.Completed), "the Space stays, on cpu-basic");
        Assert.That(state.Blockers, Has.Some.Contains("Choose hardware"));
        var creates = harness.Hub.LogEntries.Where(e => e.RequestMessage!.Path == "/api/repos/create").Select(e => e.RequestMessage!.Body!).ToList();
        Assert.That(creates, Has.Count.EqualTo(2));
        Assert.That(creates[0], Does.Contain("\"hardware\":\"zero-a10g\""), "hardware requested at creation");
        Assert.That(creates[1], Does.Not.Contain("hardware"));
        Assert.That(Count(harness, "POST", "/api/spaces/me/demo/hardware"), Is.EqualTo(1), "zero-a10g, refused at creation, is not asked again");
    }

    [Test]
    public async Task Hardware_the_hub_grants_at_creation_is_not_requested_again()
    {
        using var harness = new StepHarness();
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).InScenario("at-creation").WhenStateIs(null!)
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Error-Code", "RepoNotFound"));
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).InScenario("at-creation").WhenStateIs("created").WillSetStateTo("created")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(SpaceOwnershipStepTests.SpaceJson(isPrivate: true, DateTimeOffset.UtcNow)));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/repos/create")).InScenario("at-creation").WillSetStateTo("created")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"url\":\"http://hub/spaces/me/demo\",\"name\":\"me/demo\"}"));

        var (_, state) = await harness.RunAsync([new Seed(flavors: ["l4x1", "a10g-small"]), harness.Step<CreatePrivateSpaceStep>(), harness.Step<StopForManualHardwareStep>()]);

        var body = harness.Hub.LogEntries.Single(e => e.RequestMessage!.Path == "/api/repos/create").RequestMessage!.Body!;
        Assert.That(body, Does.Contain("\"hardware\":\"l4x1\""));
        Assert.That(Count(harness, "POST", "/api/spaces/me/demo/hardware"), Is.Zero);
        Assert.That(state.Steps.Single(s => s.Name == "create_private_space").Summary, Does.Contain("on l4x1"));
        Assert.That(state.Steps.Single(s => s.Name == "stop_for_manual_hardware").Status, Is.EqualTo(StepStatus.Skipped));
    }

    [Test]
    public async Task Upload_skips_the_commit_when_the_space_already_holds_the_same_files()
    {
        using var harness = new StepHarness();
        var app = new GradioAppGenerator().GenerateSmokeApp();
        var siblings = string.Join(",", app.Files.Select(f => $"{{\"rfilename\":\"{f.Path}\"}}"));
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"{{\"id\":\"me/demo\",\"private\":true,\"sha\":\"{new string('a', 40)}\",\"siblings\":[{siblings}]}}"));
        foreach (var file in SandboxOnlyData.ForHub(app.Files, toSandbox: false))
        {
            harness.Hub.Given(Request.Create().UsingGet().WithPath($"/spaces/me/demo/resolve/{new string('a', 40)}/{file.Path}"))
                .RespondWith(Response.Create().WithBody(file.Content));
        }

        var (_, state) = await harness.RunAsync([new Seed(app), harness.Step<UploadSpaceFilesStep>()]);

        Assert.That(state.Steps[1].Status, Is.EqualTo(StepStatus.Completed), state.Steps[1].Error?.Message);
        Assert.That(state.Steps[1].Summary, Does.Contain("already uploaded"));
        Assert.That(Count(harness, "POST", "/api/spaces/me/demo/commit/main"), Is.Zero);
    }

    [Test]
    public async Task A_commit_whose_answer_was_lost_is_adopted_when_the_files_are_there()
    {
        using var harness = new StepHarness();
        var app = new GradioAppGenerator().GenerateSmokeApp();
        var siblings = string.Join(",", app.Files.Select(f => $"{{\"rfilename\":\"{f.Path}\"}}"));
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).InScenario("commit").WhenStateIs(null!)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"id\":\"me/demo\",\"private\":true,\"sha\":\"" + new string('0', 40) + "\",\"siblings\":[]}"));
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).InScenario("commit").WhenStateIs("committed")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"{{\"id\":\"me/demo\",\"private\":true,\"sha\":\"{new string('b', 40)}\",\"siblings\":[{siblings}]}}"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/spaces/me/demo/preupload/main"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"files\":[" + string.Join(",", app.Files.Select(f => $"{{\"path\":\"{f.Path}\",\"uploadMode\":\"regular\",\"shouldIgnore\":false}}")) + "]}"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/spaces/me/demo/commit/main")).InScenario("commit").WillSetStateTo("committed")
            .RespondWith(Response.Create().WithStatusCode(504).WithBody("Gateway Timeout"));
        // A real Hub holds the files without the Sandbox-only simulation.
        foreach (var file in SandboxOnlyData.ForHub(app.Files, toSandbox: false))
        {
            harness.Hub.Given(Request.Create().UsingGet().WithPath($"/spaces/me/demo/resolve/{new string('b', 40)}/{file.Path}")).RespondWith(Response.Create().WithBody(file.Content));
        }

        var (_, state) = await harness.RunAsync([new Seed(app), harness.Step<UploadSpaceFilesStep>()]);

        Assert.That(state.Steps[1].Status, Is.EqualTo(StepStatus.Completed), state.Steps[1].Error?.Message);
        Assert.That(Count(harness, "POST", "/api/spaces/me/demo/commit/main"), Is.EqualTo(1), "the commit was not sent twice");
        var events = new List<string>();
        await foreach (var item in harness.Store.ReadEventsAsync(RunId.Parse(state.RunId)))
        {
            events.Add(item.Type);
        }

        Assert.That(events, Does.Contain("commit_reconciled"));
    }

    [Test]
    public async Task A_create_that_did_not_happen_is_sent_again_only_after_looking()
    {
        using var harness = new StepHarness();
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo"))
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Error-Code", "RepoNotFound"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/repos/create")).InScenario("retry").WillSetStateTo("failed once")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("{\"error\":\"busy\"}"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/repos/create")).InScenario("retry").WhenStateIs("failed once")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"url\":\"http://hub/spaces/me/demo\",\"name\":\"me/demo\"}"));

        var (_, state) = await harness.RunAsync([new Seed(), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(state.Steps[1].Status, Is.EqualTo(StepStatus.Completed), state.Steps[1].Error?.Message);
        Assert.That(state.Steps[1].Summary, Does.StartWith("created"));
        var sequence = harness.Hub.LogEntries.OrderBy(e => e.RequestMessage!.DateTime).Select(e => $"{e.RequestMessage!.Method} {e.RequestMessage.Path}").ToList();
        Assert.That(sequence, Is.EqualTo(new[] { "GET /api/spaces/me/demo", "POST /api/repos/create", "GET /api/spaces/me/demo", "POST /api/repos/create" }), "every send is preceded by a look");
    }

    [Test]
    public async Task A_create_that_keeps_failing_ends_service_unavailable_after_the_attempts_and_can_be_resumed()
    {
        using var harness = new StepHarness();
        Exists(harness, false);
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/repos/create"))
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("{\"error\":\"internal\"}"));

        var (result, state) = await harness.RunAsync([new Seed(), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.ServiceUnavailable), result.Outcome.Reason);
        Assert.That(Count(harness, "POST", "/api/repos/create"), Is.EqualTo(StepHarness.MaxAttempts));
        Assert.That(Count(harness, "GET", "/api/spaces/me/demo"), Is.EqualTo(StepHarness.MaxAttempts));
        Assert.That(state.Steps[1].SafeToRerun, Is.True, "a resume runs the step again");
    }

    [Test]
    public async Task A_commit_that_did_not_land_is_sent_again_after_looking()
    {
        using var harness = new StepHarness();
        var app = new GradioAppGenerator().GenerateSmokeApp();
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"id\":\"me/demo\",\"private\":true,\"sha\":\"" + new string('0', 40) + "\",\"siblings\":[]}"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/spaces/me/demo/preupload/main"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"files\":[" + string.Join(",", app.Files.Select(f => $"{{\"path\":\"{f.Path}\",\"uploadMode\":\"regular\",\"shouldIgnore\":false}}")) + "]}"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/spaces/me/demo/commit/main")).InScenario("commit").WillSetStateTo("refused once")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0").WithBody("{\"error\":\"slow down\"}"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/spaces/me/demo/commit/main")).InScenario("commit").WhenStateIs("refused once")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"commitOid\":\"" + new string('c', 40) + "\",\"commitUrl\":\"http://hub/spaces/me/demo/commit/c\"}"));

        var (_, state) = await harness.RunAsync([new Seed(app), harness.Step<UploadSpaceFilesStep>()]);

        Assert.That(state.Steps[1].Status, Is.EqualTo(StepStatus.Completed), state.Steps[1].Error?.Message);
        Assert.That(Count(harness, "POST", "/api/spaces/me/demo/commit/main"), Is.EqualTo(2));
        Assert.That(Count(harness, "GET", "/api/spaces/me/demo"), Is.EqualTo(2), "looked before each send");
        var events = new List<string>();
        await foreach (var item in harness.Store.ReadEventsAsync(RunId.Parse(state.RunId)))
        {
            events.Add(item.Type);
        }

        Assert.That(events, Does.Contain("commit_retry"));
    }
}
