using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases;
using SpaceFactory.Phases.Recipes;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>Every recipe end to end against the Sandbox, with the record a person and a program can read.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class RecipeSuccessTests
{
    [Test]
    public async Task Model_card_for_tiny_gpt2_builds_a_private_validated_space_with_a_complete_record()
    {
        await using var fixture = await FactoryFixture.StartAsync();

        var result = await fixture.RunAsync(FactoryRecipes.ModelCard, ("model", "sshleifer/tiny-gpt2"));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), result.Outcome?.Reason);
        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.SimulatedInferenceSuccess), "a simulation never claims real inference");
        var folder = fixture.RunFolder(result.RunId);
        foreach (var file in (string[])["state.json", "events.jsonl", "report.md", "target_space.json", "model_analysis.json", "runtime_recommendation.json",
                     "generated/app.py", "generated/requirements.txt", "generated/README.md", "tests/api_schema.json", "tests/test_result.json"])
        {
            Assert.That(File.Exists(Path.Combine(folder, file)), Is.True, file);
        }

        var space = $"{fixture.Sandbox.DefaultUser}/tiny-gpt2-demo";
        var hub = fixture.Services.GetRequiredService<HubClient>();
        var info = await hub.GetSpaceInfoAsync(RepoId.Parse(space));
        Assert.That(info.Private, Is.True);
        Assert.That(fixture.Sandbox.Inspector.GetCommitCount(space, "space"), Is.EqualTo(2), "the creation commit and exactly one upload");
        var appPy = System.Text.Encoding.UTF8.GetString(fixture.Sandbox.Inspector.ReadFile(space, "app.py", "space")!);
        Assert.That(appPy, Is.EqualTo(await File.ReadAllTextAsync(Path.Combine(folder, "generated/app.py"))));

        using var test = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "tests/test_result.json")));
        Assert.That(test.RootElement.GetProperty("passed").GetBoolean(), Is.True);
        Assert.That(test.RootElement.GetProperty("simulated").GetBoolean(), Is.True);
        Assert.That(test.RootElement.GetProperty("outputs")[0].GetString(), Does.StartWith("Once upon a time"));
        var state = await fixture.Store.GetStateAsync(result.RunId);
        Assert.That(state!.Validation!.Simulated, Is.True);
        Assert.That(state.Target, Is.EqualTo(space));
        var report = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"));
        Assert.That(report, Does.Contain("simulated").And.Contain("**succeeded**").And.Contain("tiny-gpt2-demo"));
    }

    [Test]
    public async Task Private_space_deploys_the_smoke_app_and_validates_the_echo()
    {
        await using var fixture = await FactoryFixture.StartAsync();

        var result = await fixture.RunAsync(FactoryRecipes.PrivateSpace, ("space", "smoke"));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), result.Outcome?.Reason);
        var state = await fixture.Store.GetStateAsync(result.RunId);
        Assert.That(state!.Steps.Select(s => s.Name), Is.EqualTo(new[]
        {
            "generate_smoke_app", "ensure_target_absent", "create_private_space", "upload_space_files", "stop_for_manual_hardware", "wait_for_space_running", "write_target_space", "validate_live_api",
        }));
        Assert.That(state.Validation!.Summary, Does.Contain("/echo passed"));
    }

    [Test]
    public async Task Validate_space_calls_an_existing_space_n_times_and_records_latencies()
    {
        await using var fixture = await FactoryFixture.StartAsync();
        var built = await fixture.RunAsync(FactoryRecipes.PrivateSpace, ("space", "existing"));
        Assert.That(built.Succeeded, Is.True, built.Outcome?.Reason);

        var result = await fixture.RunAsync(FactoryRecipes.ValidateSpace, ("space", $"{fixture.Sandbox.DefaultUser}/existing"), ("calls", "5"), ("endpoint", "/echo"), ("inputs", "[\"ping\"]"));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), result.Outcome?.Reason);
        using var test = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(fixture.RunFolder(result.RunId), "tests/test_result.json")));
        Assert.That(test.RootElement.GetProperty("latencies_ms").GetArrayLength(), Is.EqualTo(5));
        Assert.That(test.RootElement.GetProperty("output_type").GetString(), Is.EqualTo("text"));
        Assert.That(test.RootElement.GetProperty("outputs")[0].GetString(), Is.EqualTo("ping"));
        Assert.That(test.RootElement.GetProperty("p95_ms").GetDouble(), Is.GreaterThanOrEqualTo(test.RootElement.GetProperty("p50_ms").GetDouble()));
    }

    [Test]
    public async Task A_gated_model_the_user_may_read_deploys_with_a_separate_read_token_as_the_space_secret()
    {
        await using var fixture = await FactoryFixture.StartAsync();
        fixture.Sandbox.GrantGatedAccess(fixture.Sandbox.DefaultUser, "meta-llama/Llama-3.2-1B");
        var readToken = fixture.Sandbox.IssueToken(fixture.Sandbox.DefaultUser, SpaceFactory.Sandbox.SandboxTokenRole.Read);

        var result = await fixture.Factory.RunAsync(new FactoryRequest(FactoryRecipes.ModelCard)
        {
            Parameters = new Dictionary<string, string>
            {
                ["model"] = "meta-llama/Llama-3.2-1B", ["space"] = "llama", ["allow_zerogpu"] = "false", ["allow_fixed_gpu"] = "false",
                [SpaceFactory.Phases.Steps.SpaceReadToken.Parameter] = "SPACE_READ_TOKEN",
            },
            Secrets = new Dictionary<string, string> { ["HF_TOKEN"] = fixture.Sandbox.DefaultToken, ["SPACE_READ_TOKEN"] = readToken },
        });

        // 1.2B parameters in BF16 fit CPU basic by the recommender's rule; the app needs a token to download the weights.
        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), result.Outcome?.Reason);
        var secret = fixture.Sandbox.Inspector.GetSpaceSecret($"{fixture.Sandbox.DefaultUser}/llama", "HF_TOKEN");
        Assert.That(secret, Is.EqualTo(readToken));
        Assert.That(secret, Is.Not.EqualTo(fixture.Sandbox.DefaultToken), "the run's own (write) token never goes into a Space");
    }

    [Test]
    public async Task A_gated_model_with_only_the_run_token_is_blocked_and_no_space_is_created()
    {
        await using var fixture = await FactoryFixture.StartAsync();
        fixture.Sandbox.GrantGatedAccess(fixture.Sandbox.DefaultUser, "meta-llama/Llama-3.2-1B");

        var result = await fixture.RunAsync(FactoryRecipes.ModelCard, ("model", "meta-llama/Llama-3.2-1B"), ("space", "llama"), ("allow_zerogpu", "false"), ("allow_fixed_gpu", "false"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Blocked));
        Assert.That(result.Outcome.Reason, Does.Contain(SpaceFactory.Phases.Steps.SpaceReadToken.Parameter).And.Contain("read-only token"));
        Assert.That(fixture.Sandbox.Inspector.ReposCreated, Is.Zero);
    }

    [Test]
    public async Task A_space_token_that_can_write_is_refused_with_what_to_do()
    {
        await using var fixture = await FactoryFixture.StartAsync();
        fixture.Sandbox.GrantGatedAccess(fixture.Sandbox.DefaultUser, "meta-llama/Llama-3.2-1B");
        var writeToken = fixture.Sandbox.IssueToken(fixture.Sandbox.DefaultUser, SpaceFactory.Sandbox.SandboxTokenRole.Write);

        var result = await fixture.Factory.RunAsync(new FactoryRequest(FactoryRecipes.ModelCard)
        {
            Parameters = new Dictionary<string, string> { ["model"] = "meta-llama/Llama-3.2-1B", ["space"] = "llama", [SpaceFactory.Phases.Steps.SpaceReadToken.Parameter] = "SPACE_READ_TOKEN" },
            Secrets = new Dictionary<string, string> { ["HF_TOKEN"] = fixture.Sandbox.DefaultToken, ["SPACE_READ_TOKEN"] = writeToken },
        });

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Blocked));
        Assert.That(result.Outcome.Reason, Does.Contain("has the role 'write'"));
        Assert.That(fixture.Sandbox.Inspector.ReposCreated, Is.Zero);
    }

    [Test]
    public async Task A_run_cancelled_after_creating_the_space_resumes_without_creating_it_again()
    {
        using var kill = new CancellationTokenSource();
        var armed = true;
        await using var fixture = await FactoryFixture.StartAsync(services: services => services.AddRecipe("private-space-killed", (recipe, sp) => recipe
            .Add(sp.GetRequiredService<SpaceFactory.Phases.Steps.GenerateSmokeAppStep>())
            .AddRange(CommonSteps.DeployAndValidate(sp))
            .InsertAfter("create_private_space", new KillSwitchStep(() =>
            {
                if (armed)
                {
                    armed = false;
                    kill.Cancel();
                }
            }))));
        var factory = fixture.Factory;
        var secrets = new Dictionary<string, string> { [FactorySecrets.HubToken] = fixture.Sandbox.DefaultToken };

        var cancelled = await factory.RunAsync(new FactoryRequest("private-space-killed") { Parameters = new Dictionary<string, string> { ["space"] = "resumed" }, Secrets = secrets }, kill.Token);
        Assert.That(cancelled.Status, Is.EqualTo(RunStatus.Cancelled));
        var created = fixture.Sandbox.Inspector.ReposCreated;

        var resumed = await factory.ResumeAsync(cancelled.RunId, secrets);

        Assert.That(resumed.Status, Is.EqualTo(RunStatus.Succeeded), resumed.Outcome?.Reason);
        Assert.That(fixture.Sandbox.Inspector.ReposCreated, Is.EqualTo(created), "the Space was not created twice");
        Assert.That(fixture.Sandbox.Inspector.GetCommitCount($"{fixture.Sandbox.DefaultUser}/resumed", "space"), Is.EqualTo(2));
    }

    private sealed class KillSwitchStep(Action pull) : SpaceFactory.Core.Pipeline.IPhaseStep
    {
        public string Name => "kill_switch";

        public bool IsSafeToRerun => true;

        public Task<SpaceFactory.Core.Pipeline.StepResult> ExecuteAsync(SpaceFactory.Core.Pipeline.PhaseContext context, CancellationToken cancellationToken)
        {
            pull();
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(SpaceFactory.Core.Pipeline.StepResult.Completed("the switch was already pulled"));
        }
    }
}
