using System.Collections.Concurrent;
using System.Text.Json;
using SpaceFactory.Core;
using SpaceFactory.Phases;
using SpaceFactory.Phases.Recipes;

namespace SpaceFactory.EndToEnd.Tests.Chaos;

/// <summary>
/// 100 <c>model-card</c> and <c>private-space</c> runs against a Sandbox that fails every route (see
/// <see cref="ChaosProfile"/>). The figures are printed and asserted: every run ends with exactly one Space and one
/// upload commit, no event line is lost or corrupt, a failed run carries a typed outcome and completes on resume, and
/// the secret canary is found nowhere.
/// </summary>
[TestFixture]
[Category("chaos")]
public class ChaosRunTests
{
    private const int Runs = 100;
    private const int Parallelism = 10;

    [Test]
    [CancelAfter(8 * 60 * 1000)]
    public async Task Hundred_runs_under_faults_create_one_space_and_one_commit_each_and_lose_no_line(CancellationToken cancellationToken)
    {
        await using var fixture = await FactoryFixture.StartAsync(ChaosProfile.Apply, ChaosProfile.Retries, o => o.MaxRetries = 8);
        var outcomes = new ConcurrentDictionary<int, RunResult>();

        await Parallel.ForAsync(0, Runs, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var recipe = i % 2 == 0 ? FactoryRecipes.ModelCard : FactoryRecipes.PrivateSpace;
            var parameters = i % 2 == 0
                ? new[] { ("model", "sshleifer/tiny-gpt2"), ("space", $"chaos-{i:000}") }
                : new[] { ("space", $"chaos-{i:000}") };
            outcomes[i] = await fixture.RunAsync(recipe, parameters);
        });

        var firstPass = outcomes.Values.Count(r => r.Succeeded);
        var failedFirst = outcomes.Where(o => !o.Value.Succeeded).OrderBy(o => o.Key).ToList();
        var failureKinds = failedFirst.GroupBy(o => $"{o.Value.Outcome?.Code}: {StepOf(o.Value.Outcome?.Reason)}").ToDictionary(g => g.Key, g => g.Count());
        var untyped = failedFirst.Where(o => o.Value.Outcome?.Code is null || o.Value.Outcome.Code == OutcomeCode.InternalError).Select(o => $"#{o.Key}: {o.Value.Outcome?.Code} {o.Value.Outcome?.Reason}").ToList();

        // Retries exhausted is the one allowed failure; such a run must complete once the faults stop.
        fixture.Sandbox.ClearFaultRules();
        var resumedOk = 0;
        foreach (var (index, failed) in failedFirst)
        {
            var resumed = await fixture.Factory.ResumeAsync(failed.RunId, new Dictionary<string, string>(StringComparer.Ordinal) { [FactorySecrets.HubToken] = SecretCanary.Token }, cancellationToken);
            outcomes[index] = resumed;
            resumedOk += resumed.Succeeded ? 1 : 0;
        }

        var badCommitCounts = new List<string>();
        var corrupt = 0;
        var missing = 0;
        var lines = 0;
        var problems = new List<string>();
        var reconciled = 0;
        foreach (var (index, result) in outcomes.OrderBy(o => o.Key))
        {
            var space = $"{fixture.Sandbox.DefaultUser}/chaos-{index:000}";
            var commits = fixture.Sandbox.Inspector.GetCommitCount(space, "space") - 1; // the first commit is the creation's
            if (commits != 1)
            {
                badCommitCounts.Add($"{space}: {commits} upload commits");
            }

            var audit = RecordAudit.Audit(fixture.RunFolder(result.RunId));
            corrupt += audit.CorruptLines;
            missing += audit.MissingLines;
            lines += audit.Lines;
            problems.AddRange(audit.Problems.Select(p => $"#{index}: {p}"));
            reconciled += File.ReadLines(Path.Combine(fixture.RunFolder(result.RunId), "events.jsonl")).Count(l => l.Contains("_reconciled\"", StringComparison.Ordinal));
        }

        var duplicateSpaces = fixture.Sandbox.Inspector.ReposCreated - Runs;
        var inspector = fixture.Sandbox.Inspector;
        var figures = new Dictionary<string, object>
        {
            ["runs"] = Runs,
            ["completed_first_pass"] = firstPass,
            ["failed_typed_then_resumed"] = failedFirst.Count,
            ["completed_after_resume"] = resumedOk,
            ["failed_untyped"] = untyped.Count,
            ["first_pass_failures"] = failureKinds,
            ["spaces_created"] = inspector.ReposCreated,
            ["duplicate_spaces"] = duplicateSpaces,
            ["spaces_with_other_than_one_upload_commit"] = badCommitCounts.Count,
            ["event_lines"] = lines,
            ["corrupt_event_lines"] = corrupt,
            ["missing_event_lines"] = missing,
            ["reconciliations"] = reconciled,
            ["faults_5xx"] = inspector.Faults5xx,
            ["faults_429"] = inspector.Faults429,
            ["faults_dropped"] = inspector.FaultDrops,
            ["answers_lost_after_write"] = inspector.AnswersLost,
        };
        await TestContext.Out.WriteLineAsync("CHAOS " + JsonSerializer.Serialize(figures));

        Assert.Multiple(() =>
        {
            Assert.That(untyped, Is.Empty, "a failed run must carry a typed outcome, never internal_error");
            Assert.That(outcomes.Values.Where(r => !r.Succeeded).Select(r => $"{r.RunId}: {r.Outcome?.Code} {r.Outcome?.Reason}"), Is.Empty, "every run completes (after a resume at most)");
            Assert.That(duplicateSpaces, Is.Zero, "Spaces created beyond one per run");
            Assert.That(badCommitCounts, Is.Empty, "each Space holds exactly one upload commit");
            Assert.That(problems, Is.Empty, "records must be intact");
            Assert.That(corrupt + missing, Is.Zero);
            Assert.That(inspector.FaultsInjected, Is.GreaterThan(Runs), "the faults must really have struck");
            Assert.That(inspector.AnswersLost, Is.Positive, "some writes must have lost their answers");
        });
    }

    private static string StepOf(string? reason) =>
        reason is not null && reason.StartsWith("step '", StringComparison.Ordinal) ? reason[6..reason.IndexOf('\'', 6)] : reason ?? "?";
}
