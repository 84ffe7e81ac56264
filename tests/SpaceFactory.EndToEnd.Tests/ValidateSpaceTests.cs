using System.Text.Json;
using SpaceFactory.Core;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Monitoring;
using SpaceFactory.Phases.Recipes;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>The validate-space workflow against the Sandbox: output types, stored files, latencies, the ZeroGPU advice, links, ownership, the monitor history.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ValidateSpaceTests
{
    [Test]
    public async Task A_text_space_passes_with_cold_call_apart_a_gpu_duration_links_and_one_monitor_entry()
    {
        await using var fixture = await FactoryFixture.StartAsync();
        var built = await fixture.RunAsync(FactoryRecipes.PrivateSpace, ("space", "echo"));
        Assert.That(built.Succeeded, Is.True, built.Outcome?.Reason);
        var space = $"{fixture.Sandbox.DefaultUser}/echo";

        var result = await fixture.RunAsync(FactoryRecipes.ValidateSpace, ("space", space), ("calls", "4"), ("endpoint", "/echo"), ("inputs", "[\"ping\"]"), ("expect", "text"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.SimulatedInferenceSuccess), result.Outcome?.Reason);
        using var test = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(fixture.RunFolder(result.RunId), "tests/test_result.json")));
        var root = test.RootElement;
        Assert.That(root.GetProperty("output_type").GetString(), Is.EqualTo("text"));
        Assert.That(root.GetProperty("expected_output_type").GetString(), Is.EqualTo("text"));
        Assert.That(root.GetProperty("declared_output_type").GetString(), Is.EqualTo("text"));
        Assert.That(root.GetProperty("cold_ms").GetDouble(), Is.EqualTo(root.GetProperty("latencies_ms")[0].GetDouble()));
        var warm = root.GetProperty("latencies_ms").EnumerateArray().Skip(1).Select(e => e.GetDouble()).ToList();
        Assert.That(root.GetProperty("p95_ms").GetDouble(), Is.EqualTo(warm.Max()), "p95 of three warm calls is their maximum (nearest rank)");
        var gpu = root.GetProperty("gpu_duration");
        Assert.That(gpu.GetProperty("seconds").GetInt32(), Is.EqualTo(15), "a fast app: cold + 10 s rounded up to 5 s");
        Assert.That(gpu.GetProperty("rule").GetString(), Does.Contain("p95 x 1.5"));

        var state = await fixture.Store.GetStateAsync(result.RunId);
        Assert.That(state!.Links["space"], Is.EqualTo($"{fixture.Sandbox.Endpoint.AbsoluteUri.TrimEnd('/')}/spaces/{space}"));
        Assert.That(state.Links["settings"], Does.EndWith($"/spaces/{space}/settings"));
        var report = await File.ReadAllTextAsync(Path.Combine(fixture.RunFolder(result.RunId), "report.md"));
        Assert.That(report, Does.Contain("@spaces.GPU(duration=15)").And.Contain("/settings"));

        var history = MonitorHistory.InFolder(fixture.RecordRoot);
        var entries = await history.ReadLastAsync(RepoId.Parse(space), 10);
        Assert.That(entries, Has.Count.EqualTo(1));
        Assert.That(entries[0].RunId, Is.EqualTo(result.RunId.Value));
        Assert.That(entries[0].Passed, Is.True);
        Assert.That(entries[0].OutputType, Is.EqualTo("text"));
        Assert.That(entries[0].ColdMs, Is.EqualTo(root.GetProperty("cold_ms").GetDouble()));
        Assert.That(entries[0].RecommendedGpuDurationSeconds, Is.EqualTo(15));
        Assert.That((await history.ListSpacesAsync()).Select(s => s.ToString()), Is.EqualTo(new[] { space }));
    }

    [Test]
    public async Task A_wrong_expected_type_fails_the_validation_and_is_recorded_in_the_history()
    {
        await using var fixture = await FactoryFixture.StartAsync();
        Assert.That((await fixture.RunAsync(FactoryRecipes.PrivateSpace, ("space", "echo"))).Succeeded, Is.True);
        var space = $"{fixture.Sandbox.DefaultUser}/echo";

        var result = await fixture.RunAsync(FactoryRecipes.ValidateSpace, ("space", space), ("calls", "2"), ("endpoint", "/echo"), ("inputs", "[\"ping\"]"), ("expect", "image"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.ValidationFailed));
        Assert.That(result.Outcome.Reason, Does.Contain("the app returned text, but image was expected (--expect image)"));
        var entry = (await MonitorHistory.InFolder(fixture.RecordRoot).ReadLastAsync(RepoId.Parse(space), 5)).Single();
        Assert.That(entry.Passed, Is.False);
        Assert.That(entry.Outcome, Is.EqualTo(OutcomeCode.ValidationFailed));
    }

    [Test]
    public async Task An_image_space_returns_a_png_that_is_stored_under_artifacts()
    {
        await using var fixture = await FactoryFixture.StartAsync();
        var built = await fixture.RunAsync(FactoryRecipes.ModelCard, ("model", "hf-internal-testing/tiny-stable-diffusion-pipe"), ("space", "draw"));
        Assert.That(built.Succeeded, Is.True, built.Outcome?.Reason);

        var result = await fixture.RunAsync(FactoryRecipes.ValidateSpace, ("space", $"{fixture.Sandbox.DefaultUser}/draw"), ("calls", "2"), ("endpoint", "/generate"), ("expect", "image"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.SimulatedInferenceSuccess), result.Outcome?.Reason);
        var png = await File.ReadAllBytesAsync(Path.Combine(fixture.RunFolder(result.RunId), "artifacts/output1.png"));
        Assert.That(png[..4], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        Assert.That(result.Outcome!.Reason, Does.Contain("output image").And.Contain("[artifacts/output1.png](artifacts/output1.png)"));
    }

    [Test]
    public async Task A_space_outside_the_users_namespaces_is_refused_without_a_call()
    {
        await using var fixture = await FactoryFixture.StartAsync();

        var result = await fixture.RunAsync(FactoryRecipes.ValidateSpace, ("space", "someone-else/their-app"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Blocked));
        Assert.That(result.Outcome.Reason, Does.Contain($"someone-else/their-app is outside your namespaces ({fixture.Sandbox.DefaultUser})"));
        Assert.That(await MonitorHistory.InFolder(fixture.RecordRoot).ListSpacesAsync(), Is.Empty, "a refused Space gets no history");
    }

    [Test]
    public async Task An_unknown_expected_type_is_an_error_naming_the_allowed_ones()
    {
        await using var fixture = await FactoryFixture.StartAsync();

        var result = await fixture.RunAsync(FactoryRecipes.ValidateSpace, ("space", $"{fixture.Sandbox.DefaultUser}/x"), ("expect", "picture"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.InvalidInput));
        Assert.That(result.Outcome.Reason, Does.Contain("must be one of text, image, audio, label, json, file, not 'picture'"));
    }
}
