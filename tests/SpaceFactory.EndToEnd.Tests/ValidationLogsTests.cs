using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Phases.Recipes;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>A failed validation keeps the Space's build and run logs under <c>logs/</c>; a passing run has no <c>logs/</c> and its report names none.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ValidationLogsTests
{
    [Test]
    public async Task A_failed_validation_keeps_the_build_and_run_logs_and_the_report_names_the_folder()
    {
        await using var fixture = await FactoryFixture.StartAsync(services: services => services.AddRecipe("wrong", (recipe, sp) => recipe
            .Add(sp.GetRequiredService<GenerateSmokeAppStep>())
            .Add(new WrongAnswerStep("not the prompt"))
            .AddRange(CommonSteps.DeployAndValidate(sp))));

        var result = await fixture.RunAsync("wrong", ("space", "wrong-answer"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.ValidationFailed));
        Assert.That(result.Outcome.Reason, Does.Contain("not the prompt").And.EndWith("; the Space's logs are in logs/build.log and logs/run.log"));
        var folder = fixture.RunFolder(result.RunId);
        Assert.That(File.Exists(Path.Combine(folder, "logs/build.log")), Is.True);
        Assert.That(File.Exists(Path.Combine(folder, "logs/run.log")), Is.True);
        Assert.That(await File.ReadAllTextAsync(Path.Combine(folder, "logs/build.log")), Is.Not.Empty);
        var report = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"));
        Assert.That(report, Does.Contain("`logs/`").And.Contain("`tests/`"));
        var state = await fixture.Store.GetStateAsync(result.RunId);
        Assert.That(state!.Steps.Single(s => s.Name == "validate_live_api").Status, Is.EqualTo(StepStatus.Failed));
    }

    [Test]
    public async Task A_passing_run_keeps_no_logs_and_its_report_lists_only_existing_folders()
    {
        await using var fixture = await FactoryFixture.StartAsync();

        var result = await fixture.RunAsync(FactoryRecipes.PrivateSpace, ("space", "fine"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.SimulatedInferenceSuccess), result.Outcome.Reason);
        var folder = fixture.RunFolder(result.RunId);
        Assert.That(Directory.Exists(Path.Combine(folder, "logs")), Is.False);
        var report = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"));
        var listed = System.Text.RegularExpressions.Regex.Matches(report.Split("artifacts under ")[1].Split('\n')[0], "`(?<name>[a-z]+)/`", System.Text.RegularExpressions.RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1)).Select(m => m.Groups["name"].Value).ToArray();
        Assert.That(listed, Is.Not.Empty.And.No.EqualTo("logs"));
        Assert.That(listed, Is.All.Matches<string>(name => Directory.Exists(Path.Combine(folder, name))), string.Join(", ", listed));
    }
}
