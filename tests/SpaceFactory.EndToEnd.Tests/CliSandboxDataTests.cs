using System.Text.Json;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>
/// The built-in Sandbox of <c>demo</c> and <c>--sandbox</c> keeps its data in <c>{record root}/sandbox</c>, so later
/// verbs (separate processes) see the Space and runs an earlier one made.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[CancelAfter(180_000)]
public class CliSandboxDataTests
{
    private static string Text(JsonDocument json, string property) => json.RootElement.GetProperty(property).GetString()!;

    [Test]
    public async Task Validate_and_status_see_what_demo_made_and_a_second_demo_picks_a_free_space_name()
    {
        var folder = CliProcess.TempFolder("sf-cli-data-");
        var root = Path.Combine(folder, "records");
        var environment = new Dictionary<string, string?> { ["SPACE_FACTORY_RECORD_ROOT"] = root };

        var demo = await CliProcess.RunAsync(folder, environment, "demo", "--json");
        Assert.That(demo.ExitCode, Is.Zero, demo.Output + demo.Error);
        using var demoJson = JsonDocument.Parse(demo.Output);
        var runId = Text(demoJson, "run_id");

        var validate = await CliProcess.RunAsync(folder, environment, "validate", "sandbox-user/tiny-gpt2-demo", "--sandbox", "--calls", "2", "--expect", "text", "--json");
        var status = await CliProcess.RunAsync(folder, environment, "status", runId, "--json");
        var runs = await CliProcess.RunAsync(folder, environment, "runs", "--json");
        var runsText = await CliProcess.RunAsync(folder, environment, "runs");
        var again = await CliProcess.RunAsync(folder, environment, "demo", "--json");

        Assert.That(validate.ExitCode, Is.Zero, validate.Output + validate.Error);
        using var validateJson = JsonDocument.Parse(validate.Output);
        using var statusJson = JsonDocument.Parse(status.Output);
        using var againJson = JsonDocument.Parse(again.Output);
        using var againStatus = JsonDocument.Parse((await CliProcess.RunAsync(folder, environment, "status", Text(againJson, "run_id"), "--json")).Output);
        Assert.Multiple(() =>
        {
            Assert.That(Text(validateJson, "status"), Is.EqualTo("succeeded"));
            Assert.That(Text(validateJson, "outcome"), Is.EqualTo("simulated_inference_success"));
            Assert.That(status.ExitCode, Is.Zero, status.Error);
            Assert.That(Text(statusJson, "run_id"), Is.EqualTo(runId));
            Assert.That(Text(statusJson, "status"), Is.EqualTo("succeeded"));
            Assert.That(Text(statusJson, "target"), Is.EqualTo("sandbox-user/tiny-gpt2-demo"));
            Assert.That(runs.ExitCode, Is.Zero, runs.Error);
            using var runsJson = JsonDocument.Parse(runs.Output);
            var listed = runsJson.RootElement.EnumerateArray().Single(r => r.GetProperty("run_id").GetString() == runId);
            Assert.That(listed.GetProperty("status").GetString(), Is.EqualTo("succeeded"), "runs, a later process, lists the demo's run");
            Assert.That(listed.GetProperty("target").GetString(), Is.EqualTo("sandbox-user/tiny-gpt2-demo"));
            Assert.That(runsText.Output, Does.Contain(runId).And.Contain("sandbox-user/tiny-gpt2-demo"), "the table prints the full run id when redirected");
            Assert.That(runsText.Output, Does.Not.Contain("\u001b["));
            Assert.That(again.ExitCode, Is.Zero, again.Output + again.Error);
            Assert.That(Text(againStatus, "target"), Is.EqualTo("sandbox-user/tiny-gpt2-demo-2"), "the first demo's Space is kept, so the second takes the next name");
            Assert.That(File.Exists(Path.Combine(root, "sandbox", "state.json")), Is.True);
        });
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task A_damaged_state_file_is_named_in_words_and_fresh_sandbox_starts_empty()
    {
        var folder = CliProcess.TempFolder("sf-cli-data-");
        var data = Path.Combine(folder, "my-sandbox");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "state.json"), "{\"version\": 1, \"repos\": [");

        var damaged = await CliProcess.RunAsync(folder, null, "validate", "sandbox-user/tiny-gpt2-demo", "--sandbox", "--sandbox-data", data, "--json");
        var fresh = await CliProcess.RunAsync(folder, null, "demo", "--sandbox-data", data, "--fresh-sandbox", "--json");
        var notOurs = Path.Combine(folder, "not-a-sandbox");
        Directory.CreateDirectory(notOurs);
        await File.WriteAllTextAsync(Path.Combine(notOurs, "keep.txt"), "mine");
        var refused = await CliProcess.RunAsync(folder, null, "demo", "--sandbox-data", notOurs, "--fresh-sandbox", "--json");

        using var damagedJson = JsonDocument.Parse(damaged.Output);
        using var freshJson = JsonDocument.Parse(fresh.Output);
        using var refusedJson = JsonDocument.Parse(refused.Output);
        Assert.Multiple(() =>
        {
            Assert.That(damaged.ExitCode, Is.EqualTo(2), damaged.Output + damaged.Error);
            Assert.That(Text(damagedJson, "error"), Is.EqualTo("sandbox_data"));
            Assert.That(Text(damagedJson, "message"), Does.Contain(Path.Combine(data, "state.json")).And.Contain("not a complete state file"));
            Assert.That(Text(damagedJson, "message"), Does.Not.Contain("LineNumber").And.Not.Contain("BytePosition"));
            Assert.That(fresh.ExitCode, Is.Zero, fresh.Output + fresh.Error);
            Assert.That(Text(freshJson, "status"), Is.EqualTo("succeeded"));
            Assert.That(refused.ExitCode, Is.EqualTo(2));
            Assert.That(Text(refusedJson, "message"), Does.Contain("not a Sandbox data folder"));
            Assert.That(File.Exists(Path.Combine(notOurs, "keep.txt")), Is.True);
        });
        Directory.Delete(folder, recursive: true);
    }
}
