using System.Globalization;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Analysis;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Steps;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Phases.Tests.Steps;

/// <summary>
/// "Never overwrites a Space, private by default": a Space found at the target is adopted only when it is provably the
/// run's own; every upload, secret and hardware request is preceded by a check that the Space is still private.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class SpaceOwnershipStepTests
{
    private const string OurId = "6a61aaaaaaaaaaaaaaaaaaaa";
    private static readonly RepoId Space = RepoId.Parse("me/demo");

    /// <summary>Puts a target record (as an earlier, interrupted attempt left it), an app and an analysis in the state.</summary>
    private sealed class Seed(TargetSpaceRecord target, GeneratedSpaceApp? app = null, ModelAnalysis? analysis = null, IReadOnlyList<string>? flavors = null) : IPhaseStep
    {
        public string Name => "seed";

        public bool IsSafeToRerun => true;

        public Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
        {
            context.State.Set(FactoryState.Target, target);
            if (app is not null)
            {
                context.State.Set(FactoryState.App, GeneratedAppRecord.From(app));
            }

            if (analysis is not null)
            {
                context.State.Set(FactoryState.Analysis, analysis);
            }

            if (flavors is not null)
            {
                context.State.Set(FactoryState.Recommendation, new RuntimeRecommendation { Flavors = flavors, Reasons = ["test"] });
            }

            return Task.FromResult(StepResult.Completed());
        }
    }

    /// <summary>A Space as <c>GET /api/spaces/me/demo</c> describes it.</summary>
    internal static string SpaceJson(bool isPrivate, DateTimeOffset createdAt, string id = OurId, params string[] files) =>
        $$"""{"_id":"{{id}}","id":"me/demo","private":{{(isPrivate ? "true" : "false")}},"sha":"{{new string('1', 40)}}","createdAt":"{{createdAt.ToString("O", CultureInfo.InvariantCulture)}}","siblings":[{{string.Join(",", new[] { ".gitattributes", "README.md" }.Concat(files).Select(f => $"{{\"rfilename\":\"{f}\"}}"))}}]}""";

    private static TargetSpaceRecord Checked(DateTimeOffset at) => new() { RepoId = Space, Url = "http://hub/spaces/me/demo", CheckedAbsentAt = at };

    private static void SpaceIs(StepHarness harness, string json) =>
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(json));

    private static int Count(StepHarness harness, string method, string pathPrefix) =>
        harness.Hub.LogEntries.Count(e => e.RequestMessage!.Method == method && e.RequestMessage.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    [Test]
    public async Task After_a_crash_mid_create_a_public_space_someone_else_made_is_not_adopted()
    {
        using var harness = new StepHarness();
        var checkedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        SpaceIs(harness, SpaceJson(isPrivate: false, createdAt: checkedAt.AddMinutes(5), id: "6b62bbbbbbbbbbbbbbbbbbbb"));

        // The earlier worker sent its create and died before the answer: CreateSentAt is set, HubId is not.
        var (result, _) = await harness.RunAsync([new Seed(Checked(checkedAt) with { CreateSentAt = checkedAt.AddMinutes(1) }), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.TargetExists), result.Outcome.Reason);
        Assert.That(result.Outcome.Reason, Does.Contain("it is public"));
        Assert.That(Count(harness, "POST", "/api/"), Is.Zero, "nothing was created, requested or stored");
    }

    [Test]
    public async Task After_a_lost_create_a_space_holding_foreign_files_is_not_adopted()
    {
        using var harness = new StepHarness();
        var checkedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        SpaceIs(harness, SpaceJson(isPrivate: true, createdAt: checkedAt.AddMinutes(5), id: "6b62bbbbbbbbbbbbbbbbbbbb", "app.py"));

        var (result, _) = await harness.RunAsync([new Seed(Checked(checkedAt) with { CreateSentAt = checkedAt.AddMinutes(1) }), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.TargetExists));
        Assert.That(result.Outcome.Reason, Does.Contain("holds files this run did not write (app.py)"));
    }

    [Test]
    public async Task After_a_lost_create_a_space_older_than_the_check_is_not_adopted()
    {
        using var harness = new StepHarness();
        var checkedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        SpaceIs(harness, SpaceJson(isPrivate: true, createdAt: checkedAt.AddHours(-1)));

        var (result, _) = await harness.RunAsync([new Seed(Checked(checkedAt) with { CreateSentAt = checkedAt.AddMinutes(1) }), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.TargetExists));
        Assert.That(result.Outcome.Reason, Does.Contain("before this run found the name free"));
    }

    [Test]
    public async Task A_space_that_appeared_before_this_run_sent_anything_is_someone_elses()
    {
        using var harness = new StepHarness();
        var checkedAt = DateTimeOffset.UtcNow.AddSeconds(-5);
        SpaceIs(harness, SpaceJson(isPrivate: true, createdAt: checkedAt.AddSeconds(1)));

        var (result, _) = await harness.RunAsync([new Seed(Checked(checkedAt)), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.TargetExists), "a concurrent run took the name between the check and the create");
        Assert.That(Count(harness, "POST", "/api/repos/create"), Is.Zero);
    }

    [Test]
    public async Task A_409_to_the_first_create_ends_target_exists_instead_of_adopting()
    {
        using var harness = new StepHarness();
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).InScenario("race").WhenStateIs(null!)
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Error-Code", "RepoNotFound"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/repos/create")).InScenario("race").WillSetStateTo("taken")
            .RespondWith(Response.Create().WithStatusCode(409).WithHeader("Content-Type", "application/json").WithBody("{\"error\":\"You already created this space repo\",\"url\":\"http://hub/spaces/me/demo\"}"));
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).InScenario("race").WhenStateIs("taken")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(SpaceJson(isPrivate: true, DateTimeOffset.UtcNow, "6b62bbbbbbbbbbbbbbbbbbbb")));

        var (result, _) = await harness.RunAsync([new Seed(Checked(DateTimeOffset.UtcNow.AddSeconds(-1))), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.TargetExists), result.Outcome.Reason);
        Assert.That(result.Outcome.Reason, Does.Contain("another run or person created it"));
    }

    [Test]
    public async Task The_hub_id_of_the_created_space_is_recorded_and_a_resume_adopts_only_that_id()
    {
        using var harness = new StepHarness();
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).InScenario("create").WhenStateIs(null!)
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Error-Code", "RepoNotFound"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/repos/create")).InScenario("create").WillSetStateTo("created")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"{{\"url\":\"http://hub/spaces/me/demo\",\"name\":\"me/demo\",\"id\":\"{OurId}\"}}"));

        var (_, state) = await harness.RunAsync([new Seed(Checked(DateTimeOffset.UtcNow)), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(state.Steps[1].Status, Is.EqualTo(StepStatus.Completed), state.Steps[1].Error?.Message);
        var context = await harness.ReadAsync(RunId.Parse(state.RunId), "context.json");
        Assert.That(context, Does.Contain($"\"hub_id\":\"{OurId}\"").And.Contain("\"create_sent_at\":\"20"));

        using var replaced = new StepHarness();
        SpaceIs(replaced, SpaceJson(isPrivate: true, DateTimeOffset.UtcNow, "6b62bbbbbbbbbbbbbbbbbbbb"));
        var (result, _) = await replaced.RunAsync([new Seed(Checked(DateTimeOffset.UtcNow) with { CreateSentAt = DateTimeOffset.UtcNow, HubId = OurId }), replaced.Step<CreatePrivateSpaceStep>()]);
        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.TargetExists));
        Assert.That(result.Outcome.Reason, Does.Contain("not the Space this run created"));
    }

    [Test]
    public async Task A_resume_adopts_the_space_with_the_recorded_hub_id()
    {
        using var harness = new StepHarness();
        SpaceIs(harness, SpaceJson(isPrivate: true, DateTimeOffset.UtcNow.AddHours(-1)));

        var (_, state) = await harness.RunAsync([new Seed(Checked(DateTimeOffset.UtcNow) with { CreateSentAt = DateTimeOffset.UtcNow, HubId = OurId }), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(state.Steps[1].Status, Is.EqualTo(StepStatus.Completed), state.Steps[1].Error?.Message);
        Assert.That(state.Steps[1].Summary, Does.StartWith("adopted"));
        Assert.That(Count(harness, "POST", "/api/repos/create"), Is.Zero);
    }

    [Test]
    public async Task Upload_refuses_a_space_that_became_public_and_commits_nothing()
    {
        using var harness = new StepHarness();
        SpaceIs(harness, SpaceJson(isPrivate: false, DateTimeOffset.UtcNow));

        var (result, _) = await harness.RunAsync([new Seed(Checked(DateTimeOffset.UtcNow) with { HubId = OurId }, new GradioAppGenerator().GenerateSmokeApp()), harness.Step<UploadSpaceFilesStep>()]);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Blocked));
        Assert.That(result.Outcome.Reason, Does.Contain("is not private").And.Contain("nothing was uploaded"));
        Assert.That(Count(harness, "POST", "/api/spaces/me/demo/"), Is.Zero);
    }

    [Test]
    public async Task Upload_commits_on_top_of_the_head_it_looked_at()
    {
        using var harness = new StepHarness();
        var app = new GradioAppGenerator().GenerateSmokeApp();
        SpaceIs(harness, SpaceJson(isPrivate: true, DateTimeOffset.UtcNow));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/spaces/me/demo/preupload/main"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"files\":[" + string.Join(",", app.Files.Select(f => $"{{\"path\":\"{f.Path}\",\"uploadMode\":\"regular\",\"shouldIgnore\":false}}")) + "]}"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/spaces/me/demo/commit/main"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"commitOid\":\"" + new string('c', 40) + "\",\"commitUrl\":\"http://hub/spaces/me/demo/commit/c\"}"));

        var (_, state) = await harness.RunAsync([new Seed(Checked(DateTimeOffset.UtcNow) with { HubId = OurId }, app), harness.Step<UploadSpaceFilesStep>()]);

        Assert.That(state.Steps[1].Status, Is.EqualTo(StepStatus.Completed), state.Steps[1].Error?.Message);
        var commit = harness.Hub.LogEntries.Single(e => e.RequestMessage!.Path == "/api/spaces/me/demo/commit/main").RequestMessage!.Body!;
        Assert.That(commit, Does.Contain($"\"parentCommit\":\"{new string('1', 40)}\""));
    }

    [Test]
    public async Task No_hardware_is_requested_for_a_space_that_is_not_private()
    {
        using var harness = new StepHarness();
        SpaceIs(harness, SpaceJson(isPrivate: false, DateTimeOffset.UtcNow));

        var (result, _) = await harness.RunAsync([new Seed(Checked(DateTimeOffset.UtcNow) with { CreateSentAt = DateTimeOffset.UtcNow, HubId = OurId }, flavors: ["t4-small"]), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Blocked));
        Assert.That(result.Outcome.Reason, Does.Contain("nothing was requested (t4-small)"));
        Assert.That(Count(harness, "POST", "/api/spaces/me/demo/hardware"), Is.Zero);
    }

    private static ModelAnalysis Gated() => new()
    {
        Model = RepoId.Parse("org/gated-model"),
        Supported = true,
        Reason = "test",
        Gated = "auto",
    };

    [Test]
    public async Task A_gated_model_without_a_named_space_token_is_blocked_before_anything_is_created()
    {
        using var harness = new StepHarness();
        SpaceIs(harness, "{}");

        var (result, _) = await harness.RunAsync([new Seed(Checked(DateTimeOffset.UtcNow), analysis: Gated()), harness.Step<CreatePrivateSpaceStep>()]);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Blocked));
        Assert.That(result.Outcome.Reason, Does.Contain("never gives a Space the run's own token").And.Contain(SpaceReadToken.Parameter));
        Assert.That(harness.Hub.LogEntries, Is.Empty, "no request at all: no Space, no secret");
    }

    [TestCase("{\"role\":\"write\"}", "has the role 'write'")]
    [TestCase("{\"role\":\"fineGrained\",\"fineGrained\":{\"global\":[\"discussion.write\"],\"scoped\":[{\"entity\":{\"type\":\"user\",\"name\":\"me\"},\"permissions\":[\"repo.content.read\",\"repo.write\"]}]}}", "write permissions (discussion.write, repo.write)")]
    public async Task A_space_token_that_can_write_is_refused(string accessToken, string expected)
    {
        using var harness = new StepHarness();
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/whoami-v2").WithHeader("Authorization", "Bearer hf_fakespacereadtoken0123456789abcd"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"{{\"type\":\"user\",\"name\":\"me\",\"auth\":{{\"type\":\"access_token\",\"accessToken\":{accessToken}}}}}"));

        var (result, _) = await harness.RunAsync(
            [new Seed(Checked(DateTimeOffset.UtcNow), analysis: Gated()), harness.Step<CreatePrivateSpaceStep>()],
            new Dictionary<string, string> { ["SPACE_TOKEN"] = "hf_fakespacereadtoken0123456789abcd" },
            (SpaceReadToken.Parameter, "SPACE_TOKEN"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Blocked));
        Assert.That(result.Outcome.Reason, Does.Contain(expected).And.Contain("read-only token"));
        Assert.That(Count(harness, "POST", "/api/"), Is.Zero);
    }

    [Test]
    public async Task A_read_token_named_by_the_parameter_becomes_the_space_secret_and_the_run_token_never_does()
    {
        using var harness = new StepHarness();
        const string ReadToken = "hf_fakespacereadtoken0123456789abcd";
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/whoami-v2").WithHeader("Authorization", $"Bearer {ReadToken}"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"type\":\"user\",\"name\":\"me\",\"auth\":{\"type\":\"access_token\",\"accessToken\":{\"role\":\"read\"}}}"));
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).InScenario("create").WhenStateIs(null!)
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Error-Code", "RepoNotFound"));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/repos/create")).InScenario("create").WillSetStateTo("created")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"{{\"url\":\"http://hub/spaces/me/demo\",\"name\":\"me/demo\",\"id\":\"{OurId}\"}}"));
        harness.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/me/demo")).InScenario("create").WhenStateIs("created")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(SpaceJson(isPrivate: true, DateTimeOffset.UtcNow)));
        harness.Hub.Given(Request.Create().UsingPost().WithPath("/api/spaces/me/demo/secrets")).RespondWith(Response.Create().WithStatusCode(200));

        var (_, state) = await harness.RunAsync(
            [new Seed(Checked(DateTimeOffset.UtcNow), analysis: Gated()), harness.Step<CreatePrivateSpaceStep>()],
            new Dictionary<string, string> { ["SPACE_TOKEN"] = ReadToken },
            (SpaceReadToken.Parameter, "SPACE_TOKEN"));

        Assert.That(state.Steps[1].Status, Is.EqualTo(StepStatus.Completed), state.Steps[1].Error?.Message);
        var secret = harness.Hub.LogEntries.Single(e => e.RequestMessage!.Path == "/api/spaces/me/demo/secrets").RequestMessage!;
        Assert.That(secret.Body, Does.Contain($"\"value\":\"{ReadToken}\"").And.Not.Contain(StepHarness.Token));
        var sequence = harness.Hub.LogEntries.OrderBy(e => e.RequestMessage!.DateTime).Select(e => $"{e.RequestMessage!.Method} {e.RequestMessage.Path}").ToList();
        Assert.That(sequence[^2..], Is.EqualTo(new[] { "GET /api/spaces/me/demo", "POST /api/spaces/me/demo/secrets" }), "privacy is checked right before the secret is stored");
    }
}
