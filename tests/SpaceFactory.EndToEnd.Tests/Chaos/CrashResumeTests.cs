using System.Diagnostics;
using System.Text.Json;
using SpaceFactory.Core;
using SpaceFactory.Hf;
using SpaceFactory.Sandbox;

namespace SpaceFactory.EndToEnd.Tests.Chaos;

/// <summary>
/// The worker process is killed (SIGKILL, not an exception) as each step of <c>model-card</c> starts (mid-step: every
/// Sandbox request is slowed so that a step doing I/O is in flight) and as it ends (the boundary), then resumed by a new
/// worker process. Every run must complete with an intact record, one Space and one upload commit.
/// </summary>
[TestFixture]
[Category("chaos")]
[Parallelizable(ParallelScope.Children)]
public class CrashResumeTests
{
    private static readonly string[] ModelCardSteps =
    [
        "analyze_model_card", "recommend_runtime", "generate_gradio_app", "ensure_target_absent", "create_private_space",
        "upload_space_files", "stop_for_manual_hardware", "wait_for_space_running", "write_target_space", "validate_live_api",
    ];

    private HfSandbox _sandbox = null!;
    private string _recordRoot = null!;

    [OneTimeSetUp]
    public async Task StartSandbox()
    {
        var options = new HfSandboxOptions { BuildDelay = TimeSpan.FromMilliseconds(100), StartDelay = TimeSpan.FromMilliseconds(100), DefaultToken = SecretCanary.Token };
        options.Faults.Add(new FaultRule { Latency = TimeSpan.FromMilliseconds(40), IncludeSpaceApps = true });
        _sandbox = await HfSandbox.StartAsync(options);
        _recordRoot = CliProcess.TempFolder("sf-crash-");
    }

    [OneTimeTearDown]
    public async Task StopSandbox()
    {
        var leaks = SecretCanary.Sweep(_recordRoot).Concat(SecretCanary.Sweep(_sandbox.DataRoot)).ToList();
        await _sandbox.DisposeAsync();
        Directory.Delete(_recordRoot, recursive: true);
        Assert.That(leaks, Is.Empty, "the secret canary was found in files the crash tests wrote");
    }

    private static IEnumerable<TestCaseData> KillPoints() =>
        ModelCardSteps.SelectMany(step => new[] { "started", "ended" }.Select(when => new TestCaseData(step, when).SetName($"Killed when {step} {when}, the run resumes to a valid record")));

    [TestCaseSource(nameof(KillPoints))]
    [CancelAfter(120_000)]
    public async Task Killed_worker_resumes_to_a_valid_record(string step, string when, CancellationToken cancellationToken)
    {
        var runId = RunId.New(TimeProvider.System);
        var space = $"crash-{step.Replace('_', '-')}-{when}";
        string[] args = ["worker", "--recipe", "model-card", "--run-id", runId.Value, "--record", _recordRoot, "--param", "model=sshleifer/tiny-gpt2", "--param", $"space={space}", "--verbose"];
        var environment = new Dictionary<string, string?> { ["HF_ENDPOINT"] = _sandbox.Endpoint.ToString(), [HfClientOptions.TokenVariable] = SecretCanary.Token };

        var killed = await RunUntilLogLineAsync(environment, args, $"Step {step} of run {runId.Value} {when}", cancellationToken);
        Assert.That(killed, Is.True, $"the worker ended before '{step} {when}' was logged");
        var folder = Path.Combine(_recordRoot, "runs", runId.Value);
        await TestContext.Out.WriteLineAsync($"CRASH killed at '{step} {when}': {DescribeSteps(folder)}");

        var (code, output, error) = await CliProcess.RunAsync(_recordRoot, environment, [.. args, "--resume"]);
        Assert.That(SecretCanary.Leaks(output + error), Is.False, "the token appeared in the worker's output");
        Assert.That(code, Is.Zero, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("succeeded"), output);

        var audit = RecordAudit.Audit(folder);
        Assert.That(audit.Problems, Is.Empty);
        Assert.That(_sandbox.Inspector.GetCommitCount($"{_sandbox.DefaultUser}/{space}", "space"), Is.EqualTo(2), "the creation commit and exactly one upload");
        var events = File.ReadLines(Path.Combine(folder, "events.jsonl")).ToList();
        Assert.That(events.Count(l => l.Contains("\"type\":\"run_ended\"", StringComparison.Ordinal)), Is.EqualTo(1), "one end per record");
    }

    /// <summary>The step statuses the killed worker left in <c>state.json</c>, e.g. <c>create_private_space=running</c>.</summary>
    private static string DescribeSteps(string folder)
    {
        using var state = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "state.json")));
        var steps = state.RootElement.GetProperty("steps").EnumerateArray()
            .Select(s => $"{s.GetProperty("name").GetString()}={s.GetProperty("status").GetString()}")
            .Where(s => !s.EndsWith("=pending", StringComparison.Ordinal));
        return $"status={state.RootElement.GetProperty("status").GetString()} " + string.Join(" ", steps.TakeLast(2));
    }

    /// <summary>Starts the worker and kills it (SIGKILL) the moment its log shows <paramref name="line"/>; false if it ended first.</summary>
    private async Task<bool> RunUntilLogLineAsync(IDictionary<string, string?> environment, string[] args, string line, CancellationToken cancellationToken)
    {
        using var process = Process.Start(CliProcess.StartInfo(_recordRoot, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var seen = false;
        while (await process.StandardError.ReadLineAsync(cancellationToken) is { } text)
        {
            Assert.That(SecretCanary.Leaks(text), Is.False, "the token appeared in the worker's log");
            if (text.Contains(line, StringComparison.Ordinal))
            {
                process.Kill(entireProcessTree: true);
                seen = true;
                break;
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        _ = await output;
        return seen;
    }
}
