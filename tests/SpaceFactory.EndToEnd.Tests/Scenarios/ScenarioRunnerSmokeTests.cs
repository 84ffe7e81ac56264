using System.Text.Json;
using SpaceFactory.Scenarios;

namespace SpaceFactory.EndToEnd.Tests.Scenarios;

/// <summary>
/// The performance scenario runner (bench/SpaceFactory.Scenarios) on tiny sizes: every workload runs its real code
/// path and prints a parseable RESULT line with its keys. No figure is asserted: timings belong to docs/performance.md.
/// </summary>
[TestFixture]
[CancelAfter(120_000)]
public sealed class ScenarioRunnerSmokeTests
{
    [Test]
    public async Task EveryWorkloadPrintsOneResultLineWithItsKeys(CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        string[] args =
        [
            "--no-child", "--cli", Path.Combine(AppContext.BaseDirectory, "spacefactory.dll"),
            "--p0-runs", "1", "--p1-runs", "2", "--p1-warmup", "0", "--p2-lines", "2500", "--p3-calls", "3",
            "--p4-bytes", "1048576", "--p5-stage-ms", "100",
        ];

        var exitCode = await ScenarioRunner.RunAsync(args, output, cancellationToken);

        Assert.That(exitCode, Is.Zero);
        var results = output.ToString().Split('\n').Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l["RESULT ".Length..]).RootElement.Clone()).ToList();
        Assert.That(results.Select(r => r.GetProperty("workload").GetString()), Is.EqualTo(new[] { "P0", "P1", "P2", "P3", "P4", "P5" }));
        foreach (var result in results)
        {
            var note = result.TryGetProperty("note", out var n) ? n.GetString() : null;
            Assert.That(note ?? string.Empty, Does.Not.StartWith("failed"), result.ToString());
            Assert.That(result.GetProperty("budget").GetString(), Is.Not.Empty);
            Assert.That(result.GetProperty("met").ValueKind, Is.AnyOf(JsonValueKind.True, JsonValueKind.False));
            Assert.That(result.GetProperty("runs").GetInt32(), Is.Positive);
        }

        var byName = results.ToDictionary(r => r.GetProperty("workload").GetString()!, StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(byName["P0"].TryGetProperty("median_ms", out _), Is.True);
            Assert.That(byName["P1"].TryGetProperty("p95_ms", out _), Is.True);
            Assert.That(byName["P2"].GetProperty("lines").GetDouble(), Is.EqualTo(2500));
            Assert.That(byName["P2"].TryGetProperty("lines_per_s", out _) && byName["P2"].TryGetProperty("peak_rss_mib", out _), Is.True);
            Assert.That(byName["P3"].TryGetProperty("floor_median_ms", out _), Is.True);
            Assert.That(byName["P4"].TryGetProperty("bytes_per_s", out _) && byName["P4"].TryGetProperty("peak_rss_mib", out _), Is.True);
            Assert.That(byName["P5"].GetProperty("requests").GetDouble(), Is.Positive);
        });
    }

    [Test]
    public async Task AnUnknownWorkloadIsAUsageError(CancellationToken cancellationToken)
    {
        using var output = new StringWriter();

        var exitCode = await ScenarioRunner.RunAsync(["--only", "P9"], output, cancellationToken);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output.ToString(), Does.Not.Contain("RESULT"));
    }
}
