using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Analysis;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Recipes;
using SpaceFactory.Sandbox;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>Every failure path of the deploying recipes ends in its typed outcome with a readable record (Sandbox).</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class FailurePathTests
{
    [Test]
    public async Task An_existing_target_space_is_never_overwritten()
    {
        await using var fixture = await FactoryFixture.StartAsync();
        var hub = fixture.Services.GetRequiredService<HubClient>();
        await hub.CreateRepoAsync(RepoId.Parse($"{fixture.Sandbox.DefaultUser}/taken"), RepoType.Space, new CreateRepoOptions { Sdk = "gradio" });
        var created = fixture.Sandbox.Inspector.ReposCreated;

        var result = await fixture.RunAsync(FactoryRecipes.PrivateSpace, ("space", "taken"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.TargetExists));
        Assert.That(fixture.Sandbox.Inspector.ReposCreated, Is.EqualTo(created), "no Space was created");
        Assert.That(fixture.Sandbox.Inspector.GetCommitCount($"{fixture.Sandbox.DefaultUser}/taken", "space"), Is.EqualTo(1), "only the creation commit");
        var report = await File.ReadAllTextAsync(Path.Combine(fixture.RunFolder(result.RunId), "report.md"));
        Assert.That(report, Does.Contain("target_exists").And.Contain("never overwrites"));
    }

    [TestCase(SpaceFailureKind.BuildError, "build_error", "logs/build.log")]
    [TestCase(SpaceFailureKind.RuntimeError, "runtime_error", "logs/run.log")]
    public async Task A_space_that_fails_to_build_or_start_ends_with_its_logs(SpaceFailureKind kind, string outcome, string log)
    {
        await using var fixture = await FactoryFixture.StartAsync();
        fixture.Sandbox.InjectSpaceFailure(new SpaceFailureRule($"{fixture.Sandbox.DefaultUser}/broken", kind, "ModuleNotFoundError: No module named 'transformers'"));

        var result = await fixture.RunAsync(FactoryRecipes.PrivateSpace, ("space", "broken"));

        Assert.That(result.Outcome!.Code.Value, Is.EqualTo(outcome));
        Assert.That(result.Outcome.Reason, Does.Contain("ModuleNotFoundError"));
        Assert.That(File.Exists(Path.Combine(fixture.RunFolder(result.RunId), log)), Is.True, $"{log} saved");
        var state = await fixture.Store.GetStateAsync(result.RunId);
        Assert.That(state!.Steps.Single(s => s.Name == "wait_for_space_running").Status, Is.EqualTo(StepStatus.Failed));
    }

    [TestCase("meta-llama/Llama-3.2-1B", "blocked", "gated")]
    [TestCase("nomic-ai/nomic-embed-text-v1.5-GGUF", "unsupported_model", "GGUF repository for 'sentence-similarity'")]
    [TestCase("nobody/does-not-exist", "blocked", "cannot be read")]
    public async Task Models_the_factory_cannot_serve_end_before_any_space_is_created(string model, string outcome, string reason)
    {
        await using var fixture = await FactoryFixture.StartAsync();
        var created = fixture.Sandbox.Inspector.ReposCreated;

        var result = await fixture.RunAsync(FactoryRecipes.ModelCard, ("model", model));

        Assert.That(result.Outcome!.Code.Value, Is.EqualTo(outcome), result.Outcome.Reason);
        Assert.That(result.Outcome.Reason, Does.Contain(reason));
        Assert.That(fixture.Sandbox.Inspector.ReposCreated, Is.EqualTo(created));
        Assert.That(File.Exists(Path.Combine(fixture.RunFolder(result.RunId), "model_analysis.json")), Is.True);
    }

    [Test]
    public async Task Refused_hardware_ends_as_manual_hardware_required_with_the_reason()
    {
        await using var fixture = await FactoryFixture.StartAsync(
            sandbox => sandbox.AllowedHardware = new HashSet<string>(StringComparer.Ordinal) { "cpu-basic" },
            services => services.AddSingleton(new RuntimeOptions { CpuParameterLimit = 0 }));

        var result = await fixture.RunAsync(FactoryRecipes.ModelCard, ("model", "sshleifer/tiny-gpt2"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.ManualHardwareRequired), result.Outcome.Reason);
        Assert.That(result.Outcome.Reason, Does.Contain("zero-a10g"));
        var state = await fixture.Store.GetStateAsync(result.RunId);
        Assert.That(state!.Blockers, Has.Some.Contains("Choose hardware"));
    }
}
