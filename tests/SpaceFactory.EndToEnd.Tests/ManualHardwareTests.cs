using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Analysis;
using SpaceFactory.Phases.Recipes;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>
/// <c>manual_hardware_required</c> leaves a private Space on CPU basic with the app uploaded and unvalidated; the user
/// chooses hardware in its settings and then runs <c>validate-space</c> (Sandbox).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ManualHardwareTests
{
    [Test]
    public async Task When_no_allowed_hardware_fits_the_private_space_holds_the_app_and_validation_waits_for_the_user()
    {
        // Nothing allowed fits: CPU basic serves no parameters at all here, and neither CPU upgrade nor ZeroGPU is allowed.
        await using var fixture = await FactoryFixture.StartAsync(services: s => s.AddSingleton(new RuntimeOptions { CpuParameterLimit = 0 }));
        var space = $"{fixture.Sandbox.DefaultUser}/tiny";

        var result = await fixture.RunAsync(FactoryRecipes.ModelCard, ("model", "sshleifer/tiny-gpt2"), ("space", "tiny"), ("allow_zerogpu", "false"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.ManualHardwareRequired), result.Outcome.Reason);
        Assert.That(result.Outcome.Reason, Does.Contain("the smallest that fits is cpu-upgrade").And.Contain($"/spaces/{space}/settings").And.Contain($"spacefactory validate {space}"));
        var hub = fixture.Services.GetRequiredService<HubClient>();
        var info = await hub.GetSpaceInfoAsync(RepoId.Parse(space));
        Assert.That(info.Private, Is.True, "the Space left for the user is private");
        Assert.That(info.Siblings!.Select(s => s.Path), Does.Contain("app.py").And.Contain("requirements.txt"));
        Assert.That((await hub.GetSpaceRuntimeAsync(RepoId.Parse(space))).Hardware!.Requested, Is.EqualTo("cpu-basic"));
        Assert.That(fixture.Sandbox.Inspector.GetRequestCount("POST", "/api/spaces/{ns}/{name}/hardware"), Is.Zero, "nothing was asked for");

        var state = await fixture.Store.GetStateAsync(result.RunId);
        Assert.That(state!.Steps.Single(s => s.Name == "upload_space_files").Status, Is.EqualTo(StepStatus.Completed));
        Assert.That(state.Steps.Single(s => s.Name == "stop_for_manual_hardware").Status, Is.EqualTo(StepStatus.Failed));
        Assert.That(state.Steps.Where(s => s.Name is "wait_for_space_running" or "validate_live_api").Select(s => s.Status), Is.All.EqualTo(StepStatus.Pending), "not validated");
        var folder = fixture.RunFolder(result.RunId);
        Assert.That(File.Exists(Path.Combine(folder, "target_space.json")), Is.True);
        var report = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"));
        Assert.That(report, Does.Contain("manual_hardware_required").And.Contain($"/spaces/{space}/settings").And.Contain($"spacefactory validate {space}"));

        // The user picks hardware in the settings, then validates the Space.
        await hub.RequestSpaceHardwareAsync(RepoId.Parse(space), "t4-small");
        var validation = await fixture.RunAsync(FactoryRecipes.ValidateSpace, ("space", space), ("calls", "2"));

        Assert.That(validation.Outcome!.Code, Is.EqualTo(OutcomeCode.SimulatedInferenceSuccess), validation.Outcome.Reason);
    }

    [Test]
    public async Task When_the_hub_refuses_every_flavor_the_space_stays_on_cpu_basic_with_the_app()
    {
        await using var fixture = await FactoryFixture.StartAsync(
            sandbox => sandbox.AllowedHardware = new HashSet<string>(StringComparer.Ordinal) { "cpu-basic" },
            services => services.AddSingleton(new RuntimeOptions { CpuParameterLimit = 0 }));
        var space = $"{fixture.Sandbox.DefaultUser}/tiny";

        var result = await fixture.RunAsync(FactoryRecipes.ModelCard, ("model", "sshleifer/tiny-gpt2"), ("space", "tiny"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.ManualHardwareRequired), result.Outcome.Reason);
        Assert.That(result.Outcome.Reason, Does.Contain("zero-a10g").And.Contain($"spacefactory validate {space}"));
        Assert.That(fixture.Sandbox.Inspector.GetCommitCount(space, "space"), Is.EqualTo(2), "created, then the app in one commit");
        var info = await fixture.Services.GetRequiredService<HubClient>().GetSpaceInfoAsync(RepoId.Parse(space));
        Assert.That(info.Private, Is.True);
    }
}
