using SpaceFactory.Scenarios;
using SpaceFactory.Scenarios.Workloads;

namespace SpaceFactory.EndToEnd.Tests.Scenarios;

/// <summary>
/// The runner's <c>--diagnose-memory</c>: the MEMORY lines of the P2 child. No figure is asserted.
/// </summary>
[TestFixture]
[CancelAfter(120_000)]
public sealed class MemoryDiagnosticsTests
{
    private static readonly string[] Stages = ["before-stream", "after-1000-lines", "end-of-stream"];

    private static readonly string[] Keys = ["rss_mib", "hwm_mib", "rss_anon_mib", "gc_committed_mib", "gc_heap_mib", "gc_fragmented_mib", "allocated_mib", "gc0", "gen0_max_budget_mib"];

    [Test]
    public async Task TheP2ChildPrintsItsMemoryAtEachStageOnlyWhenAsked(CancellationToken cancellationToken)
    {
        await using var server = await JobLogStreamWorkload.StartServerAsync(3000, cancellationToken);
        using var asked = new StringWriter();
        using var plain = new StringWriter();
        string[] child = ["--child", "P2", "--target", server.Endpoint.AbsoluteUri, "--p2-lines", "3000"];

        Assert.That(await ScenarioRunner.RunAsync([.. child, "--diagnose-memory"], asked, cancellationToken), Is.Zero);
        Assert.That(await ScenarioRunner.RunAsync(child, plain, cancellationToken), Is.Zero);

        var lines = asked.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var memory = lines.Where(l => l.StartsWith("MEMORY ", StringComparison.Ordinal)).Select(Fields).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(memory.Select(m => m["stage"]), Is.EqualTo(Stages));
            foreach (var fields in memory)
            {
                Assert.That(fields.Keys, Is.SupersetOf(Keys), fields["stage"]);
            }

            Assert.That(double.Parse(memory[^1]["allocated_mib"], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(double.Parse(memory[0]["allocated_mib"], System.Globalization.CultureInfo.InvariantCulture)), "the stream allocated its lines' strings");
            Assert.That(lines.Count(l => l.StartsWith("CHILD ", StringComparison.Ordinal)), Is.EqualTo(1), "the figures for the parent are still printed");
            Assert.That(plain.ToString(), Does.Not.Contain("MEMORY").And.Contain("CHILD "));
        });
    }

    private static Dictionary<string, string> Fields(string line) =>
        line["MEMORY ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : string.Empty, StringComparer.Ordinal);
}
