using System.Text.Json;
using SpaceFactory.Hf;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>The CLI as a user runs it: a separate process, its JSON output and its documented exit codes.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class CliTests
{
    private static Task<(int ExitCode, string Output, string Error)> RunCliAsync(string workingDirectory, IDictionary<string, string?>? environment, params string[] args) =>
        CliProcess.RunAsync(workingDirectory, environment, args);

    private static string TempFolder() => CliProcess.TempFolder("sf-cli-");

    [Test]
    public async Task Demo_runs_the_model_card_recipe_offline_and_leaves_a_record()
    {
        var folder = TempFolder();
        var (code, output, error) = await RunCliAsync(folder, null, "demo", "--json");

        Assert.That(code, Is.Zero, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("succeeded"));
        Assert.That(json.RootElement.GetProperty("outcome").GetString(), Is.EqualTo("simulated_inference_success"));
        var record = json.RootElement.GetProperty("record").GetString()!;
        Assert.That(record, Does.StartWith(Path.Combine(folder, ".spacefactory", "runs")));
        Assert.That(File.Exists(Path.Combine(record, "report.md")), Is.True);

        var (statusCode, statusOutput, _) = await RunCliAsync(folder, null, "status", Path.GetFileName(record), "--json");
        Assert.That(statusCode, Is.Zero);
        Assert.That(JsonDocument.Parse(statusOutput).RootElement.GetProperty("recipe").GetString(), Is.EqualTo("model-card"));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Demo_with_the_job_executor_runs_the_worker_in_a_sandbox_job()
    {
        var folder = TempFolder();
        var (code, output, error) = await RunCliAsync(folder, null, "demo", "--recipe", "job-smoke", "--executor", "job", "--json");

        Assert.That(code, Is.Zero, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("record").GetString(), Does.StartWith("hf://buckets/sandbox-user/spacefactory-runs/runs/"));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public async Task Without_a_token_run_exits_3_and_says_how_to_fix_it()
    {
        var (code, output, _) = await RunCliAsync(TempFolder(), null, "run", "model-card", "--model", "sshleifer/tiny-gpt2", "--json");

        Assert.That(code, Is.EqualTo(3));
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("error").GetString(), Is.EqualTo("missing_token"));
        Assert.That(json.RootElement.GetProperty("message").GetString(), Does.Contain("HF_TOKEN").And.Contain("--sandbox"));
    }

    [TestCase("run", "model-card", "--sandbox", "--model", "not a model")]
    [TestCase("run", "no-such-recipe", "--sandbox")]
    [TestCase("status", "not-a-run-id")]
    [TestCase("run", "model-card", "--sandbox", "--executor", "cloud")]
    public async Task Bad_input_exits_2_with_a_message_naming_it(params string[] args)
    {
        var (code, output, error) = await RunCliAsync(TempFolder(), null, [.. args, "--json"]);

        Assert.That(code, Is.EqualTo(2), output + error);
        using var json = JsonDocument.Parse(output);
        var text = json.RootElement.TryGetProperty("error", out var kind) ? kind.GetString() : json.RootElement.GetProperty("outcome").GetString();
        Assert.That(text, Is.EqualTo("invalid_input"));
    }

    [Test]
    public async Task An_unreachable_endpoint_exits_4_and_never_prints_the_token()
    {
        const string token = "hf_CanaryFakeTokenForTheCliTest0123456";
        var (code, output, error) = await RunCliAsync(TempFolder(), new Dictionary<string, string?> { [HfClientOptions.TokenVariable] = token, ["HF_ENDPOINT"] = "http://127.0.0.1:9" }, "run", "private-space", "--json");

        Assert.That(code, Is.EqualTo(4), output + error);
        Assert.That(output + error, Does.Not.Contain(token).And.Not.Contain("CanaryFakeToken"));
    }
}
