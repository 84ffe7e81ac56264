using Microsoft.Extensions.Logging.Testing;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Hf.Tests.TestSupport;

namespace SpaceFactory.Hf.Tests.Jobs;

/// <summary>
/// Follow mode: the Hub replays a Job's log from the start on every connection; the client must survive dropped
/// connections and silences, deliver each line once and stop when the Job has finished. Time is a <see cref="TestClock"/>.
/// </summary>
[TestFixture]
[CancelAfter(30_000)]
public class JobLogFollowTests
{
    private const string JobPath = "/api/jobs/testuser/" + JobJson.Id;
    private const string LogsPath = JobPath + "/logs";
    private const string Logs = "GET " + LogsPath;
    private const string Inspect = "GET " + JobPath;

    private static async Task<List<string>> FollowAsync(JobsClient client, TestClock clock, JobLogOptions? options = null)
    {
        var lines = new List<string>();
        await clock.DriveAsync(Task.Run(async () =>
        {
            await foreach (var line in client.StreamLogsAsync(JobJson.Id, options ?? JobLogOptions.FollowUntilFinished, "testuser"))
            {
                lines.Add(line.Text);
            }
        }));
        return lines;
    }

    [Test]
    public async Task Dropped_connection_reconnects_without_duplicates_and_stops_when_completed()
    {
        var clock = new TestClock();
        var logger = new FakeLogger<JobsClient>();
        var handler = new ScriptedHandler()
            .On(LogsPath,
                ScriptedHandler.Sse(() => ScriptedBody.ThenDrop(Sse.Lines(1, 3))),
                ScriptedHandler.Sse(() => ScriptedBody.Text(Sse.Lines(1, 5))))
            .On(JobPath, ScriptedHandler.Job("RUNNING"), ScriptedHandler.Job("COMPLETED"));
        var client = TestClients.Jobs(handler, clock, logger);

        var lines = await FollowAsync(client, clock);

        Assert.That(lines, Is.EqualTo(Enumerable.Range(1, 5).Select(i => $"line {i}")));
        Assert.That(handler.Requests, Is.EqualTo(new[] { Logs, Inspect, Logs, Inspect }));
        Assert.That(clock.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(1) }), "one back-off before reconnecting");
        Assert.That(logger.Collector.GetSnapshot().Select(r => r.Message), Has.Some.Contains("reset by the peer"));
    }

    [Test]
    public async Task Long_silence_reconnects_and_skips_replayed_lines()
    {
        var clock = new TestClock();
        var logger = new FakeLogger<JobsClient>();
        var handler = new ScriptedHandler()
            .On(LogsPath,
                ScriptedHandler.Sse(() => ScriptedBody.ThenSilence(Sse.Lines(1, 2), clock, TestClients.IdleTimeout + TimeSpan.FromSeconds(1))),
                ScriptedHandler.Sse(() => ScriptedBody.Text(Sse.Lines(1, 4))))
            .On(JobPath, ScriptedHandler.Job("RUNNING"), ScriptedHandler.Job("COMPLETED"));
        var client = TestClients.Jobs(handler, clock, logger);

        var lines = await FollowAsync(client, clock);

        Assert.That(lines, Is.EqualTo(new[] { "line 1", "line 2", "line 3", "line 4" }));
        Assert.That(handler.Requests, Is.EqualTo(new[] { Logs, Inspect, Logs, Inspect }));
        Assert.That(logger.Collector.GetSnapshot().Select(r => r.Message), Has.Some.Contains("stayed silent while the Job is RUNNING"));
    }

    [Test]
    public async Task Clean_end_while_running_reconnects_with_growing_back_off()
    {
        var clock = new TestClock();
        var handler = new ScriptedHandler()
            .On(LogsPath,
                ScriptedHandler.Sse(() => ScriptedBody.Text(Sse.Lines(1, 2))),
                ScriptedHandler.Sse(() => ScriptedBody.Text(Sse.Lines(1, 3))),
                ScriptedHandler.Sse(() => ScriptedBody.Text(Sse.Lines(1, 3))),
                ScriptedHandler.Sse(() => ScriptedBody.Text(Sse.Lines(1, 3))),
                ScriptedHandler.Sse(() => ScriptedBody.Text(Sse.Lines(1, 4))))
            .On(JobPath,
                ScriptedHandler.Job("SCHEDULING"),
                ScriptedHandler.Job("RUNNING"),
                ScriptedHandler.Job("UPDATING"),
                ScriptedHandler.Job("RUNNING"),
                ScriptedHandler.Job("COMPLETED"));
        var client = TestClients.Jobs(handler, clock);

        var lines = await FollowAsync(client, clock);

        Assert.That(lines, Is.EqualTo(new[] { "line 1", "line 2", "line 3", "line 4" }));
        Assert.That(clock.Delays, Is.EqualTo(new[] { 1, 1, 2, 4 }.Select(s => TimeSpan.FromSeconds(s))),
            "the back-off restarts after new lines and doubles while nothing new comes");
    }

    [Test]
    public async Task Drop_while_the_job_finishes_reads_once_more_then_stops()
    {
        var clock = new TestClock();
        var handler = new ScriptedHandler()
            .On(LogsPath,
                ScriptedHandler.Sse(() => ScriptedBody.ThenDrop(Sse.Lines(1, 2))),
                ScriptedHandler.Sse(() => ScriptedBody.Text(Sse.Lines(1, 3))))
            .On(JobPath, ScriptedHandler.Job("ERROR"));
        var client = TestClients.Jobs(handler, clock);

        var lines = await FollowAsync(client, clock);

        Assert.That(lines, Is.EqualTo(new[] { "line 1", "line 2", "line 3" }));
        Assert.That(handler.Requests, Is.EqualTo(new[] { Logs, Inspect, Logs }));
        Assert.That(clock.Delays, Is.Empty, "no back-off for the final read");
    }

    [Test]
    public async Task Partial_replay_after_reconnect_loses_nothing_and_repeats_nothing()
    {
        // Lines 2 and 3 share a timestamp; the second connection replays only from line 2.
        var first = Sse.Line("a", 1) + Sse.Line("b", 2) + Sse.Line("c", 2);
        var second = Sse.Line("b", 2) + Sse.Line("c", 2) + Sse.Line("d", 2) + Sse.Line("e", 3);
        var clock = new TestClock();
        var handler = new ScriptedHandler()
            .On(LogsPath, ScriptedHandler.Sse(() => ScriptedBody.ThenDrop(first)), ScriptedHandler.Sse(() => ScriptedBody.Text(second)))
            .On(JobPath, ScriptedHandler.Job("RUNNING"), ScriptedHandler.Job("COMPLETED"));
        var client = TestClients.Jobs(handler, clock);

        var lines = await FollowAsync(client, clock);

        Assert.That(lines, Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
    }

    [Test]
    public async Task Tail_is_sent_only_until_something_was_delivered()
    {
        var clock = new TestClock();
        var handler = new ScriptedHandler()
            .On(LogsPath,
                ScriptedHandler.Sse(() => ScriptedBody.ThenDrop(Sse.Lines(8, 9))),
                ScriptedHandler.Sse(() => ScriptedBody.Text(Sse.Lines(1, 10))))
            .On(JobPath, ScriptedHandler.Job("RUNNING"), ScriptedHandler.Job("COMPLETED"));
        var client = TestClients.Jobs(handler, clock);

        var lines = await FollowAsync(client, clock, JobLogOptions.FollowUntilFinished with { Tail = 2 });

        Assert.That(lines, Is.EqualTo(new[] { "line 8", "line 9", "line 10" }));
        Assert.That(handler.Requests[0], Is.EqualTo(Logs + "?tail=2"));
        Assert.That(handler.Requests[2], Is.EqualTo(Logs), "the replay must start at the beginning for deduplication");
    }

    [Test]
    public void Repeated_failures_are_bounded_then_thrown()
    {
        var clock = new TestClock();
        var handler = new ScriptedHandler()
            .On(LogsPath, ScriptedHandler.Sse(() => ScriptedBody.ThenDrop(string.Empty)))
            .On(JobPath, ScriptedHandler.Job("RUNNING"));
        var client = TestClients.Jobs(handler, clock);
        var options = JobLogOptions.FollowUntilFinished with { MaxReconnectAttempts = 3, MaxReconnectDelay = TimeSpan.FromSeconds(3) };

        Assert.ThrowsAsync<IOException>(() => FollowAsync(client, clock, options));
        Assert.That(handler.Requests.Count(r => r == Logs), Is.EqualTo(4), "first attempt + 3 reconnects");
        Assert.That(clock.Delays, Is.EqualTo(new[] { 1, 2, 3 }.Select(s => TimeSpan.FromSeconds(s))), "doubling, capped");
    }

    [Test]
    public void A_missing_job_fails_at_once()
    {
        var clock = new TestClock();
        var handler = new ScriptedHandler(); // every path answers 404
        var client = TestClients.Jobs(handler, clock);
        Assert.ThrowsAsync<HfNotFoundException>(() => FollowAsync(client, clock));
        Assert.That(handler.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Unknown_stage_keeps_following()
    {
        var clock = new TestClock();
        var handler = new ScriptedHandler()
            .On(LogsPath, ScriptedHandler.Sse(() => ScriptedBody.Text(Sse.Lines(1, 1))), ScriptedHandler.Sse(() => ScriptedBody.Text(Sse.Lines(1, 2))))
            .On(JobPath, ScriptedHandler.Job("SOME_FUTURE_STAGE"), ScriptedHandler.Job("CANCELED"));
        var client = TestClients.Jobs(handler, clock);

        var lines = await FollowAsync(client, clock);

        Assert.That(lines, Is.EqualTo(new[] { "line 1", "line 2" }));
    }
}
