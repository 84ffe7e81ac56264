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
            Assert.That(byName["P0"].GetProperty("floor_ms_median").GetDouble(), Is.Positive, "a bare HttpClient process, timed the same way");
            Assert.That(byName["P1"].TryGetProperty("p95_ms", out _), Is.True);
            Assert.That(byName["P1"].GetProperty("first_run_s").GetDouble(), Is.Positive, "one sequence in a fresh process");
            Assert.That(byName["P1"].GetProperty("first_run_from_start_s").GetDouble(), Is.GreaterThan(byName["P1"].GetProperty("first_run_s").GetDouble()));
            Assert.That(byName["P1"].GetProperty("first_run_floor_s").GetDouble(), Is.Positive, "the same requests over a bare HttpClient");
            Assert.That(byName["P2"].GetProperty("lines").GetDouble(), Is.EqualTo(2500));
            Assert.That(byName["P2"].TryGetProperty("lines_per_s", out _) && byName["P2"].TryGetProperty("peak_rss_mib", out _), Is.True);
            Assert.That(byName["P3"].TryGetProperty("floor_median_ms", out _), Is.True);
            Assert.That(byName["P4"].TryGetProperty("bytes_per_s", out _) && byName["P4"].TryGetProperty("peak_rss_mib", out _), Is.True);
            Assert.That(byName["P4"].GetProperty("floor_s").GetDouble(), Is.EqualTo(byName["P4"].GetProperty("hash_only_s").GetDouble() + byName["P4"].GetProperty("raw_put_s").GetDouble()).Within(0.002));
            Assert.That(byName["P4"].TryGetProperty("floor_ratio", out _), Is.True);
            Assert.That(byName["P5"].GetProperty("requests").GetDouble(), Is.Positive);
        });
    }

    [Test]
    public async Task ChildWorkloadsRunInFreshProcessesAgainstAServerGivenByUrl(CancellationToken cancellationToken)
    {
        // The servers `serve p2` / `serve p4` start, here in the test's process; the runner only gets their URLs.
        await using var p2 = await SpaceFactory.Scenarios.Workloads.JobLogStreamWorkload.StartServerAsync(3000, cancellationToken);
        var received = new System.Runtime.CompilerServices.StrongBox<long>();
        await using var p4 = await SpaceFactory.Scenarios.Workloads.LfsCommitWorkload.StartServerAsync(received, cancellationToken);
        using var output = new StringWriter();

        Assert.That(await ScenarioRunner.RunAsync(["--only", "P2", "--url", p2.Endpoint.AbsoluteUri, "--p2-lines", "3000"], output, cancellationToken), Is.Zero);
        Assert.That(await ScenarioRunner.RunAsync(["--only", "P4", "--url", p4.Endpoint.AbsoluteUri, "--p4-bytes", "65536"], output, cancellationToken), Is.Zero);

        var results = output.ToString().Split('\n').Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l["RESULT ".Length..]).RootElement.Clone()).ToList();
        Assert.That(results, Has.Count.EqualTo(2), output.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(results[0].GetProperty("note").GetString(), Does.StartWith("against 127.0.0.1"));
            Assert.That(results[0].GetProperty("lines").GetDouble(), Is.EqualTo(3000));
            Assert.That(results[0].GetProperty("cold_lines_per_s").GetDouble(), Is.Positive, "the cold stream ran in its own process");
            Assert.That(results[1].GetProperty("note").GetString(), Does.StartWith("against 127.0.0.1"));
            Assert.That(results[1].GetProperty("floor_s").GetDouble(), Is.Positive);
            Assert.That(received.Value, Is.EqualTo(3 * 65536), "warm-up commit, measured commit and raw PUT each sent the whole file");
        });
    }

    [Test]
    public void TheEnvironmentNamesTheServerWhenNoOptionDoes()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HF_ENDPOINT"] = "http://127.0.0.1:9/",
            ["HF_TOKEN"] = "hf_fake_scenario_token",
            ["GRADIO_URL"] = "http://127.0.0.1:8/app",
        };

        var options = ScenarioOptions.Parse(["--only", "P3"], name => environment.GetValueOrDefault(name));
        var explicitUrl = ScenarioOptions.Parse(["--url", "http://127.0.0.1:7", "--only", "P2"], name => environment.GetValueOrDefault(name));

        Assert.Multiple(() =>
        {
            Assert.That(options.Url, Is.EqualTo(new Uri("http://127.0.0.1:9/")));
            Assert.That(options.Token, Is.EqualTo("hf_fake_scenario_token"));
            Assert.That(options.GradioUrl, Is.EqualTo(new Uri("http://127.0.0.1:8/app/")));
            Assert.That(explicitUrl.Url, Is.EqualTo(new Uri("http://127.0.0.1:7/")), "--url wins over HF_ENDPOINT");
            Assert.That(() => ScenarioOptions.Parse(["--url", "http://127.0.0.1:7", "--only", "P1"], _ => null), Throws.TypeOf<FormatException>().With.Message.Contains("--token"));
            Assert.That(() => ScenarioOptions.Parse(["--url", "ftp://x"], _ => null), Throws.TypeOf<FormatException>().With.Message.Contains("http(s) URL"));
            Assert.That(ScenarioOptions.Parse(["serve", "p2", "--p2-lines", "10"], _ => null).Serve, Is.EqualTo("P2"));
            Assert.That(() => ScenarioOptions.Parse(["serve", "p9"], _ => null), Throws.TypeOf<FormatException>());
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
