using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Recipes;
using SpaceFactory.Phases.Steps;
using SpaceFactory.Sandbox;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>
/// "Never overwrites a Space": a resumed run adopts only its own Space, and of runs started together for one name
/// exactly one wins. Against the Sandbox, whose create reserves a name atomically as the Hub does.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class SpaceOwnershipTests
{
    [Test]
    public async Task A_public_space_someone_made_while_the_run_was_down_is_not_adopted_on_resume()
    {
        await using var fixture = await FactoryFixture.StartAsync();
        var space = RepoId.Parse($"{fixture.Sandbox.DefaultUser}/taken-meanwhile");
        var secrets = new Dictionary<string, string> { ["HF_TOKEN"] = fixture.Sandbox.DefaultToken };

        // Every answer to the create is lost: the run ends resumable with its create sent and no Space of its own.
        fixture.Sandbox.AddFaultRule(new FaultRule { PathPrefix = "/api/repos/create", Methods = ["POST"], Rate5xx = 1 });
        var first = await fixture.RunAsync(FactoryRecipes.PrivateSpace, ("space", space.Name));
        Assert.That(first.Outcome!.Code, Is.EqualTo(OutcomeCode.ServiceUnavailable), first.Outcome.Reason);
        fixture.Sandbox.ClearFaultRules();

        // Meanwhile someone else creates a public Space with that name.
        var hub = fixture.Services.GetRequiredService<HubClient>();
        await hub.CreateRepoAsync(space, RepoType.Space, new CreateRepoOptions { Visibility = RepoVisibility.Public, Sdk = "gradio" });

        var resumed = await fixture.Factory.ResumeAsync(first.RunId, secrets);

        Assert.That(resumed.Outcome!.Code, Is.EqualTo(OutcomeCode.TargetExists), resumed.Outcome.Reason);
        Assert.That(resumed.Outcome.Reason, Does.Contain("it is public"));
        Assert.That(fixture.Sandbox.Inspector.GetCommitCount(space.ToString(), "space"), Is.EqualTo(1), "the foreign Space holds only its own creation commit");
        Assert.That(fixture.Sandbox.Inspector.ReadFile(space.ToString(), "app.py", "space"), Is.Null, "none of the factory's files went into it");
        Assert.That((await hub.GetSpaceInfoAsync(space)).Private, Is.False, "the foreign Space is left as it was");
    }

    [Test]
    public async Task Of_six_runs_started_together_for_one_name_exactly_one_wins_and_commits_once()
    {
        await using var fixture = await FactoryFixture.StartAsync();
        const int Runs = 6;

        var results = await Task.WhenAll(Enumerable.Range(0, Runs).Select(_ => Task.Run(() => fixture.RunAsync(FactoryRecipes.PrivateSpace, ("space", "contested")))));

        var summary = string.Join("; ", results.Select(r => $"{r.Status} {r.Outcome?.Code}: {r.Outcome?.Reason}"));
        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1), summary);
        Assert.That(results.Where(r => !r.Succeeded).Select(r => r.Outcome!.Code), Is.All.EqualTo(OutcomeCode.TargetExists), summary);
        var space = $"{fixture.Sandbox.DefaultUser}/contested";
        Assert.That(fixture.Sandbox.Inspector.GetCommitCount(space, "space"), Is.EqualTo(2), "the creation commit and exactly one upload");
        var claims = 0;
        foreach (var result in results)
        {
            var state = await fixture.Store.GetStateAsync(result.RunId);
            claims += state!.Steps.Any(s => s.Name == "upload_space_files" && s.Status == StepStatus.Completed) ? 1 : 0;
        }

        Assert.That(claims, Is.EqualTo(1), "one record claims the Space");
    }

    [Test]
    public async Task A_space_made_public_before_the_upload_receives_nothing()
    {
        await using var fixture = await FactoryFixture.StartAsync(services: services => services.AddRecipe("private-space-exposed", (recipe, sp) => recipe
            .Add(sp.GetRequiredService<GenerateSmokeAppStep>())
            .AddRange(CommonSteps.DeployAndValidate(sp))
            .InsertAfter("create_private_space", new MakePublicStep(sp.GetRequiredService<HubClient>()))));

        var result = await fixture.RunAsync("private-space-exposed", ("space", "exposed"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Blocked), result.Outcome.Reason);
        Assert.That(result.Outcome.Reason, Does.Contain("is not private").And.Contain("nothing was uploaded"));
        Assert.That(fixture.Sandbox.Inspector.GetCommitCount($"{fixture.Sandbox.DefaultUser}/exposed", "space"), Is.EqualTo(1), "no upload commit");
    }

    /// <summary>Someone flips the new Space to public between create and upload.</summary>
    private sealed class MakePublicStep(HubClient hub) : SpaceFactory.Core.Pipeline.IPhaseStep
    {
        public string Name => "someone_makes_it_public";

        public bool IsSafeToRerun => true;

        public async Task<SpaceFactory.Core.Pipeline.StepResult> ExecuteAsync(SpaceFactory.Core.Pipeline.PhaseContext context, CancellationToken cancellationToken)
        {
            await hub.UpdateRepoVisibilityAsync(context.State.Get(FactoryState.Target).RepoId, RepoType.Space, RepoVisibility.Public, cancellationToken);
            return SpaceFactory.Core.Pipeline.StepResult.Completed("made public");
        }
    }
}
