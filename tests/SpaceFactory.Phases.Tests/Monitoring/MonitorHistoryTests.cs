#pragma warning disable SFHF002 // the Bucket client is experimental
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Buckets;
using SpaceFactory.Phases.Monitoring;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceFactory.Phases.Tests.Monitoring;

/// <summary>The monitor history: the JSON line format, bounded tail reads in a folder and through the Bucket API.</summary>
[TestFixture]
[CancelAfter(30_000)]
public class MonitorHistoryTests
{
    private static readonly RepoId Space = RepoId.Parse("alice/tiny-demo");
    private string _root = null!;

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("sf-monitors-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private static MonitorEntry Entry(int i, bool passed = true) =>
        new(new DateTimeOffset(2026, 12, 1, 10, i % 60, 0, TimeSpan.Zero), $"20261201T1000{i % 60:00}Z-abcdefgh", Space.ToString(),
            passed ? OutcomeCode.FullInferenceSuccess : OutcomeCode.RuntimeError, passed)
        {
            ColdMs = 1500 + i,
            P50Ms = 200,
            P95Ms = 250.5,
            OutputType = "text",
            Calls = 3,
        };

    [Test]
    public async Task An_entry_is_one_snake_case_line_under_monitors_owner_space()
    {
        var history = MonitorHistory.InFolder(_root);

        await history.AppendAsync(Entry(1));

        var text = await File.ReadAllTextAsync(Path.Combine(_root, "monitors", "alice", "tiny-demo", "history.jsonl"));
        Assert.That(text, Is.EqualTo(
            """{"time":"2026-12-01T10:01:00+00:00","run_id":"20261201T100001Z-abcdefgh","space":"alice/tiny-demo","outcome":"full_inference_success","passed":true,"cold_ms":1501,"p50_ms":200,"p95_ms":250.5,"output_type":"text","calls":3}""" + "\n"));
        Assert.That(MonitorHistory.RelativePath(Space), Is.EqualTo("monitors/alice/tiny-demo/history.jsonl"));
    }

    [Test]
    public async Task Read_last_returns_the_newest_entries_oldest_first_and_skips_torn_and_foreign_lines()
    {
        var history = MonitorHistory.InFolder(_root);
        for (var i = 0; i < 10; i++)
        {
            await history.AppendAsync(Entry(i, passed: i != 8));
        }

        var file = Path.Combine(_root, "monitors", "alice", "tiny-demo", "history.jsonl");
        await File.AppendAllTextAsync(file, "not json\n{\"time\":\"2026-12-01T11:00:00+00:00\",\"run_i");

        var last = await history.ReadLastAsync(Space, 3);

        Assert.That(last.Select(e => e.ColdMs), Is.EqualTo(new double?[] { 1507, 1508, 1509 }));
        Assert.That(last[1].Passed, Is.False);
        Assert.That(last[1].Outcome, Is.EqualTo(OutcomeCode.RuntimeError));
        Assert.That(await history.ReadLastAsync(RepoId.Parse("alice/other"), 3), Is.Empty);
    }

    [Test]
    public async Task Read_last_reads_only_the_tail_of_a_long_history()
    {
        var history = MonitorHistory.InFolder(_root);
        var file = Path.Combine(_root, "monitors", "alice", "tiny-demo", "history.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);

        // 8 MiB of old garbage the reader must never reach, then two entries.
        await File.WriteAllTextAsync(file, new string('x', 8 * 1024 * 1024) + "\n");
        await history.AppendAsync(Entry(1));
        await history.AppendAsync(Entry(2));

        var last = await history.ReadLastAsync(Space, 1);

        Assert.That(last.Single().ColdMs, Is.EqualTo(1502));
    }

    [Test]
    public async Task A_long_reason_is_cut_so_the_line_stays_bounded()
    {
        var history = MonitorHistory.InFolder(_root);

        await history.AppendAsync(Entry(1) with { Reason = new string('r', 10_000) });

        var entry = (await history.ReadLastAsync(Space, 1)).Single();
        Assert.That(entry.Reason, Has.Length.EqualTo(MonitorHistory.MaxReasonLength));
        Assert.That(entry.Reason, Does.EndWith("…"));
    }

    [Test]
    public async Task List_spaces_names_each_monitored_space_once_sorted()
    {
        var history = MonitorHistory.InFolder(_root);
        await history.AppendAsync(Entry(1) with { Space = "bob/zeta" });
        await history.AppendAsync(Entry(2));
        await history.AppendAsync(Entry(3));

        var spaces = await history.ListSpacesAsync();

        Assert.That(spaces.Select(s => s.ToString()), Is.EqualTo(new[] { "alice/tiny-demo", "bob/zeta" }));
    }

    [Test]
    public void An_entry_without_an_owner_is_refused_in_words()
    {
        var history = MonitorHistory.InFolder(_root);

        var ex = Assert.ThrowsAsync<ArgumentException>(() => history.AppendAsync(Entry(1) with { Space = "tiny-demo" }));

        Assert.That(ex!.Message, Does.Contain("'tiny-demo' is not owner/name"));
    }

    [Test]
    public async Task Through_the_bucket_api_the_size_comes_from_paths_info_and_one_ranged_read_fetches_the_tail()
    {
        using var server = WireMockServer.Start();
        for (var i = 0; i < 3; i++)
        {
            var folder = MonitorHistory.InFolder(_root);
            await folder.AppendAsync(Entry(i));
        }

        var body = await File.ReadAllBytesAsync(Path.Combine(_root, "monitors", "alice", "tiny-demo", "history.jsonl"));
        server.Given(Request.Create().WithPath("/api/buckets/alice/runs/paths-info").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody($$"""[{"type":"file","path":"store/monitors/alice/tiny-demo/history.jsonl","size":{{body.Length}}}]"""));
        var tailStart = body.Length - (2 * MonitorHistory.MaxLineBytes) > 0 ? body.Length - (2 * MonitorHistory.MaxLineBytes) : 0;
        server.Given(Request.Create().WithPath("/buckets/alice/runs/resolve/store/monitors/alice/tiny-demo/history.jsonl").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(206).WithBody(body[tailStart..]));
        server.Given(Request.Create().WithPath("/api/buckets/alice/runs/tree/store/monitors").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody("""[{"type":"file","path":"store/monitors/alice/tiny-demo/history.jsonl","size":1},{"type":"file","path":"store/monitors/alice/notes.txt","size":1}]"""));
        using var services = Services(server.Url!);
        var history = MonitorHistory.InBucket(services.GetRequiredService<BucketClient>(), BucketUri.Parse("hf://buckets/alice/runs/store"));

        var last = await history.ReadLastAsync(Space, 2);
        var spaces = await history.ListSpacesAsync();

        Assert.That(last.Select(e => e.ColdMs), Is.EqualTo(new double?[] { 1501, 1502 }));
        Assert.That(spaces.Select(s => s.ToString()), Is.EqualTo(new[] { "alice/tiny-demo" }));
        Assert.That(history.CanAppend, Is.False);
        Assert.That(history.Describe(Space), Is.EqualTo("hf://buckets/alice/runs/store/monitors/alice/tiny-demo/history.jsonl"));
        var requests = server.LogEntries.Select(e => e.RequestMessage!).ToList();
        var pathsInfo = requests.Single(r => r.Path.EndsWith("/paths-info", StringComparison.Ordinal));
        Assert.That(pathsInfo.Body, Does.Contain("\"store/monitors/alice/tiny-demo/history.jsonl\""));
        var read = requests.Single(r => r.Path.Contains("/resolve/", StringComparison.Ordinal));
        Assert.That(read.Headers!["Range"].Single(), Is.EqualTo($"bytes={tailStart}-{body.Length - 1}"));
        Assert.That(read.Headers!["Authorization"].Single(), Is.EqualTo("Bearer hf_fake_monitor_token"));
        Assert.ThrowsAsync<NotSupportedException>(() => history.AppendAsync(Entry(9)));
    }

    private static ServiceProvider Services(string url)
    {
        var services = new ServiceCollection();
        services.AddHuggingFace(o =>
        {
            o.Endpoint = new Uri(url);
            o.Token = "hf_fake_monitor_token";
        });
        return services.BuildServiceProvider();
    }
}
