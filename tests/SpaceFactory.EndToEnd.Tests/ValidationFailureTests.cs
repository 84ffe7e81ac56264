using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Recipes;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>A Space that runs but answers wrongly is a failed run: only a passing check is success.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ValidationFailureTests
{
    /// <summary>Replaces the simulated output of /echo so that the live API answers something else than the probe expects.</summary>
    private sealed class TamperStep : IPhaseStep
    {
        public string Name => "tamper";

        public bool IsSafeToRerun => true;

        public Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
        {
            var app = context.State.Get(FactoryState.App);
            var files = app.Files.Select(f => f.Path == GeneratedSpaceApp.ManifestFileName
                ? f with { Content = f.Content.Replace("\"mode\": \"echo\"", "\"mode\": \"fixed\", \"outputs\": [\"something else\"]", StringComparison.Ordinal) }
                : f).ToList();
            context.State.Set(FactoryState.App, app with { Files = files });
            return Task.FromResult(StepResult.Completed("the app now answers something else"));
        }
    }

    [Test]
    public async Task A_wrong_answer_ends_as_validation_failed_with_the_test_result_recorded()
    {
        await using var fixture = await FactoryFixture.StartAsync(services: services => services.AddRecipe("tampered", (recipe, sp) => recipe
            .Add(sp.GetRequiredService<GenerateSmokeAppStep>())
            .Add(new TamperStep())
            .AddRange(CommonSteps.DeployAndValidate(sp))));

        var result = await fixture.RunAsync("tampered", ("space", "liar"));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.ValidationFailed));
        Assert.That(result.Outcome.Reason, Does.Contain("expected \"SpaceFactory smoke test\"").And.Contain("something else"));
        var test = await File.ReadAllTextAsync(Path.Combine(fixture.RunFolder(result.RunId), "tests/test_result.json"));
        Assert.That(test, Does.Contain("\"passed\": false"));
        var state = await fixture.Store.GetStateAsync(result.RunId);
        Assert.That(state!.Validation!.Passed, Is.False);
    }
}
