using System.Diagnostics;
using System.Text.Json;
using SpaceFactory.Scenarios;
using SpaceFactory.Scenarios.Workloads;

namespace SpaceFactory.EndToEnd.Tests.Scenarios;

/// <summary>
/// The runner's <c>--diagnose-memory</c> (MEMORY lines of the P2 child), and the GC settings the P2 child shares with the
/// CLI it stands for. No figure is asserted but the configured generation-0 budget.
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

    [Test]
    public void TheRunnerAndTheCliAskForTheSameGenerationZeroBudget()
    {
        // The JIT builds' runtimeconfig.json files (NativeAOT embeds the same setting from the same csproj line).
        Assert.Multiple(() =>
        {
            Assert.That(Gen0MaxBudget("spacefactory.runtimeconfig.json"), Is.EqualTo("4194304"), "the CLI and Job worker");
            Assert.That(Gen0MaxBudget("SpaceFactory.Scenarios.runtimeconfig.json"), Is.EqualTo("4194304"), "the runner's children");
        });
    }

    [Test]
    public async Task TheRunnersJitChildRunsWithTheFourMebibyteBudget(CancellationToken cancellationToken)
    {
        // What the parent starts for P2 (ChildProcess): `dotnet SpaceFactory.Scenarios.dll --child P2 …`.
        await using var server = await JobLogStreamWorkload.StartServerAsync(1500, cancellationToken);
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "SpaceFactory.Scenarios.dll"), "--child", "P2", "--target", server.Endpoint.AbsoluteUri, "--p2-lines", "1500", "--diagnose-memory"])
        {
            info.ArgumentList.Add(arg);
        }

        // The child's own settings, not a GC variable this test run may have inherited.
        foreach (var name in (string[])["DOTNET_GCgen0size", "DOTNET_GCGen0MaxBudget", "DOTNET_gcServer"])
        {
            info.Environment.Remove(name);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var printed = await stdout;

        Assert.That(process.ExitCode, Is.Zero, await stderr);
        var first = printed.Split('\n').First(l => l.StartsWith("MEMORY ", StringComparison.Ordinal));
        Assert.That(Fields(first)["gen0_max_budget_mib"], Is.EqualTo("4.0"), first);
    }

    private static Dictionary<string, string> Fields(string line) =>
        line["MEMORY ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : string.Empty, StringComparer.Ordinal);

    private static string? Gen0MaxBudget(string file)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").TryGetProperty("System.GC.Gen0MaxBudget", out var value)
            ? value.ToString()
            : null;
    }
}
