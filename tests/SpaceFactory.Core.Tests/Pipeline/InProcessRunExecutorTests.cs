using Microsoft.Extensions.Time.Testing;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Core.Tests.Pipeline;

[TestFixture]
public class InProcessRunExecutorTests
{
    private const string Canary = "hf_CanaryFakeToken0123456789abcdefghijkl";
    private string _root = null!;
    private DirectoryRunStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "sf-core-" + Guid.NewGuid().ToString("N"));
        _store = new DirectoryRunStore(_root);
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static InProcessRunExecutor Executor(IRunStore store, params Recipe[] recipes) =>
        new(new RecipeCatalog(recipes), store);

    private static Recipe Recipe(params IPhaseStep[] steps) => new RecipeBuilder("test").AddRange(steps).Build();

    [Test]
    public async Task A_run_succeeds_only_when_a_step_declares_success()
    {
        var recipe = Recipe(DelegateStep.Completes("prepare"), DelegateStep.Succeeds("validate"), DelegateStep.Completes("publish"));
        var result = await Executor(_store, recipe).RunAsync(new FactoryRequest("test") { Parameters = new Dictionary<string, string> { ["model"] = "org/m" }, Target = "me/demo" });

        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.FullInferenceSuccess));
        var (state, events) = await RecordAssertions.AssertValidAsync(_store, result.RunId);
        Assert.That(state.Steps.Select(s => s.Status), Is.All.EqualTo(StepStatus.Completed));
        Assert.That(state.Parameters["model"], Is.EqualTo("org/m"));
        Assert.That(state.Target, Is.EqualTo("me/demo"));
        Assert.That(state.EndedAt, Is.Not.Null);
        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[]
        {
            "run_started", "step_started", "step_completed", "step_started", "step_completed", "step_started", "step_completed", "run_ended",
        }));
        var report = await File.ReadAllTextAsync(Path.Combine(_store.RunFolder(result.RunId), "report.md"));
        Assert.That(report, Does.Contain("**succeeded**").And.Contain("full_inference_success").And.Contain("| validate | completed |"));
    }

    [Test]
    public async Task A_run_in_which_no_step_declares_success_fails_as_incomplete()
    {
        var result = await Executor(_store, Recipe(DelegateStep.Completes("a"), DelegateStep.Completes("b"))).RunAsync(new FactoryRequest("test"));
        Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Incomplete));
    }

    [Test]
    public async Task An_exception_is_never_success_and_the_remaining_steps_are_skipped()
    {
        var after = DelegateStep.Succeeds("after");
        var recipe = Recipe(new DelegateStep("boom", (_, _) => throw new InvalidOperationException("disk on fire")), after);
        var result = await Executor(_store, recipe).RunAsync(new FactoryRequest("test"));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.InternalError));
        Assert.That(after.Executions, Is.Zero);
        var (state, _) = await RecordAssertions.AssertValidAsync(_store, result.RunId);
        Assert.That(state.Steps[0].Error, Is.EqualTo(new ErrorRecord("InvalidOperationException", "disk on fire")));
        Assert.That(state.Steps[1].Status, Is.EqualTo(StepStatus.Pending));
        Assert.That(state.Steps[1].Summary, Is.EqualTo("not run: the run ended failed"));
        Assert.That(state.Error!.Type, Is.EqualTo("InvalidOperationException"));
    }

    [Test]
    public async Task A_typed_failure_ends_the_run_with_its_outcome()
    {
        var recipe = Recipe(new DelegateStep("ensure_absent", (_, _) => Task.FromResult(StepResult.Failure(OutcomeCode.TargetExists, "me/demo already exists"))), DelegateStep.Succeeds("x"));
        var result = await Executor(_store, recipe).RunAsync(new FactoryRequest("test"));
        Assert.That(result.Outcome, Is.EqualTo(new RunOutcome(OutcomeCode.TargetExists, "me/demo already exists")));
        var report = await File.ReadAllTextAsync(Path.Combine(_store.RunFolder(result.RunId), "report.md"));
        Assert.That(report, Does.Contain("target_exists").And.Contain("me/demo already exists"));
    }

    [Test]
    public async Task A_phase_step_exception_carries_its_outcome()
    {
        var recipe = Recipe(new DelegateStep("call", (_, _) => throw new PhaseStepException(OutcomeCode.ServiceUnavailable, "the Hub kept answering 503")));
        var result = await Executor(_store, recipe).RunAsync(new FactoryRequest("test"));
        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.ServiceUnavailable));
    }

    [Test]
    public async Task Cancellation_mid_step_leaves_a_cancelled_run_with_a_complete_record()
    {
        using var cancel = new CancellationTokenSource();
        var recipe = Recipe(
            DelegateStep.Completes("first"),
            new DelegateStep("waits", async (_, ct) =>
            {
                await cancel.CancelAsync();
                await Task.Delay(Timeout.Infinite, ct);
                return StepResult.Completed();
            }),
            DelegateStep.Succeeds("never"));
        var result = await Executor(_store, recipe).RunAsync(new FactoryRequest("test"), cancel.Token);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Cancelled));
        var (state, events) = await RecordAssertions.AssertValidAsync(_store, result.RunId);
        Assert.That(state.Steps.Select(s => s.Status), Is.EqualTo(new[] { StepStatus.Completed, StepStatus.Cancelled, StepStatus.Pending }));
        Assert.That(state.Outcome!.Code, Is.EqualTo(OutcomeCode.Cancelled));
        Assert.That(events[^1].Type, Is.EqualTo("run_ended"));
    }

    [Test]
    public async Task A_step_that_exceeds_its_timeout_fails_the_run_as_timed_out()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var recipe = Recipe(new DelegateStep("slow", async (_, ct) =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return StepResult.Completed();
        }, timeout: TimeSpan.FromMinutes(5)));
        var executor = new InProcessRunExecutor(new RecipeCatalog([recipe]), _store, timeProvider: clock);

        var run = executor.RunAsync(new FactoryRequest("test"));
        await entered.Task;
        clock.Advance(TimeSpan.FromMinutes(5));
        var result = await run;

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.TimedOut));
        Assert.That(result.Outcome.Reason, Does.Contain("'slow' did not finish within 00:05:00"));
        var state = await _store.GetStateAsync(result.RunId);
        Assert.That(state!.Steps[0].Status, Is.EqualTo(StepStatus.Failed));
        Assert.That(state.RunId, Does.StartWith("20261123T100000Z-"));
    }

    [Test]
    public async Task Unknown_recipes_and_missing_parameters_get_errors_naming_them()
    {
        var executor = Executor(_store, Recipe(new DelegateStep("needs", (c, _) => Task.FromResult(StepResult.Completed(c.GetRequiredParameter("model"))))));
        var unknown = Assert.ThrowsAsync<ArgumentException>(() => executor.RunAsync(new FactoryRequest("nope")));
        Assert.That(unknown!.Message, Does.Contain("no recipe 'nope'").And.Contain("test"));

        var result = await executor.RunAsync(new FactoryRequest("test"));
        var state = await _store.GetStateAsync(result.RunId);
        Assert.That(state!.Steps[0].Error, Is.EqualTo(new ErrorRecord("RecipeParameterException", "The recipe 'test' needs the parameter 'model', which the request does not give.")));
    }

    [Test]
    public async Task Values_handed_on_between_steps_survive_a_crash_and_resume()
    {
        var key = new PhaseStateKey<string>("commit", TestJsonContext.Default.String);
        var killable = new KillableRunStore(_store);
        var seen = new List<string>();
        var recipe = Recipe(
            new DelegateStep("produce", (c, _) =>
            {
                c.State.Set(key, "abc123");
                return Task.FromResult(StepResult.Completed());
            }),
            new DelegateStep("consume", (c, _) =>
            {
                killable.Kill();
                seen.Add(c.State.Get(key));
                return Task.FromResult(StepResult.Success(OutcomeCode.Completed, "used " + c.State.Get(key)));
            }));

        var runId = RunId.New(TimeProvider.System);
        Assert.ThrowsAsync<ProcessKilledException>(() => Executor(killable, recipe).RunAsync(new FactoryRequest("test") { RunId = runId }));
        var crashed = await _store.GetStateAsync(runId);
        Assert.That(crashed!.Status, Is.EqualTo(RunStatus.Running), "a killed process leaves the run running");

        var result = await Executor(_store, recipe).ResumeAsync(runId);
        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(seen, Is.EqualTo(new[] { "abc123", "abc123" }));
        var (state, events) = await RecordAssertions.AssertValidAsync(_store, runId);
        Assert.That(state.Resumes, Is.EqualTo(1));
        Assert.That(state.Steps[0].Attempts, Is.EqualTo(1), "a finished step is not run again");
        Assert.That(events.Select(e => e.Type), Does.Contain("run_resumed").And.Contain("step_rerun"));
    }

    [Test]
    public async Task An_interrupted_step_that_is_not_safe_to_rerun_is_reported_not_repeated()
    {
        var killable = new KillableRunStore(_store);
        var unsafeStep = new DelegateStep("create_space", (_, _) =>
        {
            killable.Kill();
            return Task.FromResult(StepResult.Completed());
        }, safeToRerun: false);
        var recipe = Recipe(unsafeStep, DelegateStep.Succeeds("validate"));
        var runId = RunId.New(TimeProvider.System);
        Assert.ThrowsAsync<ProcessKilledException>(() => Executor(killable, recipe).RunAsync(new FactoryRequest("test") { RunId = runId }));

        var result = await Executor(_store, recipe).ResumeAsync(runId);

        Assert.That(unsafeStep.Executions, Is.EqualTo(1));
        Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.Interrupted));
        Assert.That(result.Outcome.Reason, Does.Contain("'create_space' was interrupted and is not safe to re-run"));
        var (state, _) = await RecordAssertions.AssertValidAsync(_store, runId);
        Assert.That(state.Steps[0].Status, Is.EqualTo(StepStatus.Interrupted));
    }

    [Test]
    public async Task A_crash_at_every_write_and_a_torn_event_line_then_resume_completes_with_a_valid_record()
    {
        var recipe = Recipe(DelegateStep.Completes("a"), DelegateStep.Completes("b"), DelegateStep.Succeeds("c"), DelegateStep.Completes("d"));
        var probe = new KillableRunStore(new InMemoryRunStore());
        await Executor(probe, recipe).RunAsync(new FactoryRequest("test"));
        var totalWrites = probe.Writes;
        Assert.That(totalWrites, Is.Zero, "the probe counts only when a limit is set");
        probe.KillAfterWrites = int.MaxValue;
        await Executor(probe, recipe).RunAsync(new FactoryRequest("test"));
        totalWrites = probe.Writes;
        Assert.That(totalWrites, Is.GreaterThan(20));

        for (var killAt = 0; killAt < totalWrites; killAt++)
        {
            var runId = RunId.New(TimeProvider.System);
            var killable = new KillableRunStore(_store) { KillAfterWrites = killAt };
            Assert.ThrowsAsync<ProcessKilledException>(() => Executor(killable, recipe).RunAsync(new FactoryRequest("test") { RunId = runId }), $"kill after {killAt} writes");
            if (await _store.GetStateAsync(runId) is null)
            {
                continue; // killed before the first state write: nothing to resume
            }

            var eventsPath = Path.Combine(_store.RunFolder(runId), "events.jsonl");
            if (killAt % 3 == 0)
            {
                await File.AppendAllTextAsync(eventsPath, "{\"seq\":99,\"ts\":\"2026-"); // a torn write
            }

            var result = await Executor(_store, recipe).ResumeAsync(runId);
            Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), $"kill after {killAt} writes");
            var (state, events) = await RecordAssertions.AssertValidAsync(_store, runId);
            Assert.That(state.Steps.Select(s => s.Status), Is.All.EqualTo(StepStatus.Completed));
            Assert.That(events.Count(e => e.Type == "run_ended"), Is.EqualTo(1));
            if (killAt % 3 == 0 && File.Exists(eventsPath))
            {
                Assert.That(events.Any(e => e.Type == "record_repaired"), Is.True, $"torn line repaired after kill {killAt}");
            }
        }
    }

    [Test]
    public async Task Fifty_parallel_runs_into_one_store_each_leave_a_valid_record()
    {
        var recipe = Recipe(
            new DelegateStep("work", async (c, ct) =>
            {
                await c.Recorder.WriteArtifactAsync("generated/app.py", "print('" + c.RunId + "')", ct);
                await c.Recorder.RecordEventAsync("note", "working", cancellationToken: ct);
                return StepResult.Completed();
            }),
            DelegateStep.Succeeds("validate"));
        var executor = Executor(_store, recipe);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => executor.RunAsync(new FactoryRequest("test")))));

        Assert.That(results.Select(r => r.RunId).Distinct().Count(), Is.EqualTo(50));
        foreach (var result in results)
        {
            Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded));
            await RecordAssertions.AssertValidAsync(_store, result.RunId);
            Assert.That(await File.ReadAllTextAsync(Path.Combine(_store.RunFolder(result.RunId), "generated/app.py")), Does.Contain(result.RunId.Value));
        }

        var listed = new List<RunSummary>();
        await foreach (var run in _store.ListRunsAsync())
        {
            listed.Add(run);
        }

        Assert.That(listed, Has.Count.EqualTo(50));
    }

    [Test]
    public async Task A_canary_secret_never_appears_in_any_file_of_the_run()
    {
        var key = new PhaseStateKey<string>("leak", TestJsonContext.Default.String);
        var recipe = Recipe(
            new DelegateStep("writes", async (c, ct) =>
            {
                var token = c.GetSecret("HF_TOKEN")!;
                c.State.Set(key, "token=" + token);
                await c.Recorder.RecordEventAsync("oops", $"calling with Bearer {token}", cancellationToken: ct);
                await c.Recorder.WriteArtifactAsync("logs/build.log", $"line 1\nexport HF_TOKEN={token}\n{Uri.EscapeDataString(token)}\n", ct);
                using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(new string('x', 70_000) + token + "\nend"));
                await c.Recorder.WriteArtifactAsync("logs/big.log", stream, ct);
                await c.Recorder.AddBlockerAsync("token " + token + " lacks a scope", ct);
                return StepResult.Completed();
            }),
            new DelegateStep("fails", (c, _) => throw new InvalidOperationException($"401 for token {c.GetSecret("HF_TOKEN")} on Authorization: Bearer {c.GetSecret("HF_TOKEN")}")));
        var secrets = new Dictionary<string, string> { ["HF_TOKEN"] = Canary };

        var result = await Executor(_store, recipe).RunAsync(new FactoryRequest("test") { Secrets = secrets });

        Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
        var files = Directory.EnumerateFiles(_store.RunFolder(result.RunId), "*", SearchOption.AllDirectories).ToList();
        Assert.That(files, Has.Count.GreaterThanOrEqualTo(6));
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.That(text, Does.Not.Contain(Canary).And.Not.Contain("CanaryFakeToken"), file);
        }

        var state = await _store.GetStateAsync(result.RunId);
        Assert.That(state!.Steps[1].Error!.Message, Does.Contain("[REDACTED]"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(_store.RunFolder(result.RunId), "logs/big.log")), Does.EndWith("[REDACTED]\nend"));
    }

    [Test]
    public async Task Media_artifacts_are_kept_byte_for_byte_and_a_secret_inside_them_is_still_redacted()
    {
        byte[] media = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0xFE, 0x80, 0x0A, 0x0D, 0xC3];
        var recipe = Recipe(new DelegateStep("writes", async (c, ct) =>
        {
            await c.Recorder.WriteArtifactAsync("artifacts/output.png", new MemoryStream(media), ct);
            await c.Recorder.WriteArtifactAsync("artifacts/leak.wav", new MemoryStream([.. media, .. System.Text.Encoding.ASCII.GetBytes(c.GetSecret("HF_TOKEN")!), 0xFF]), ct);
            return StepResult.Completed();
        }));

        var result = await Executor(_store, recipe).RunAsync(new FactoryRequest("test") { Secrets = new Dictionary<string, string> { ["HF_TOKEN"] = Canary } });

        var folder = _store.RunFolder(result.RunId);
        Assert.That(await File.ReadAllBytesAsync(Path.Combine(folder, "artifacts/output.png")), Is.EqualTo(media));
        var leak = await File.ReadAllBytesAsync(Path.Combine(folder, "artifacts/leak.wav"));
        Assert.That(leak[..media.Length], Is.EqualTo(media), "the bytes around the secret are unchanged");
        Assert.That(System.Text.Encoding.Latin1.GetString(leak), Does.Not.Contain(Canary).And.Contain("[REDACTED]"));
    }

    [TestCase("../x")]
    [TestCase("/etc/passwd")]
    [TestCase("a/../../b")]
    [TestCase("C:\\x")]
    [TestCase("a\\b")]
    [TestCase("")]
    [TestCase("logs/\0evil")]
    [TestCase("logs//x")]
    [TestCase("state.json")]
    [TestCase("./x")]
    public async Task Artifact_names_that_could_escape_the_run_folder_are_rejected(string path)
    {
        var recipe = Recipe(new DelegateStep("write", async (c, ct) =>
        {
            await c.Recorder.WriteArtifactAsync(path, "x", ct);
            return StepResult.Completed();
        }));
        var result = await Executor(_store, recipe).RunAsync(new FactoryRequest("test"));

        var state = await _store.GetStateAsync(result.RunId);
        Assert.That(state!.Steps[0].Error!.Type, Is.EqualTo(nameof(ArgumentException)));
        Assert.That(state.Steps[0].Error!.Message, Does.StartWith("Artifact path"));
        Assert.That(Directory.EnumerateFiles(_root, "passwd", SearchOption.AllDirectories), Is.Empty);
        Assert.That(File.Exists(Path.Combine(_root, "runs", "x")), Is.False);
    }

    [Test]
    public async Task Resuming_a_failed_run_reruns_the_failed_step_when_it_is_safe()
    {
        var attempts = 0;
        var flaky = new DelegateStep("flaky", (_, _) => ++attempts == 1
            ? throw new PhaseStepException(OutcomeCode.ServiceUnavailable, "503 after retries")
            : Task.FromResult(StepResult.Success(OutcomeCode.Completed, "worked")));
        var executor = Executor(_store, Recipe(DelegateStep.Completes("before"), flaky));
        var first = await executor.RunAsync(new FactoryRequest("test"));
        Assert.That(first.Outcome!.Code, Is.EqualTo(OutcomeCode.ServiceUnavailable));

        var second = await executor.ResumeAsync(first.RunId);

        Assert.That(second.Status, Is.EqualTo(RunStatus.Succeeded));
        var (state, _) = await RecordAssertions.AssertValidAsync(_store, first.RunId);
        Assert.That(state.Steps[1].Attempts, Is.EqualTo(2));
        Assert.That(state.Error, Is.Null);
    }
}
