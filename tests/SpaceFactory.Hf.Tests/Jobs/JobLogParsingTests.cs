using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Hf.Tests.TestSupport;

namespace SpaceFactory.Hf.Tests.Jobs;

/// <summary>SSE framing and event parsing of the log stream, in snapshot mode over an in-process handler.</summary>
[TestFixture]
public class JobLogParsingTests
{
    private const string LogsPath = "/api/jobs/testuser/" + JobJson.Id + "/logs";

    private static async Task<(List<JobLogLine> Lines, FakeLogger<JobsClient> Logger)> ReadAsync(Func<Stream> body, JobLogOptions? options = null)
    {
        var handler = new ScriptedHandler().On(LogsPath, ScriptedHandler.Sse(body));
        var logger = new FakeLogger<JobsClient>();
        var client = TestClients.Jobs(handler, new TestClock(), logger);
        var lines = new List<JobLogLine>();
        await foreach (var line in client.StreamLogsAsync(JobJson.Id, options, "testuser"))
        {
            lines.Add(line);
        }

        return (lines, logger);
    }

    [Test]
    public async Task Lines_and_timestamps_are_read_and_keep_alives_ignored()
    {
        var body =
            "data: {\"data\": \"===== Job started at 2025-07-22 16:06:31 =====\", \"timestamp\": \"2025-07-22T16:06:31.079Z\"}\n\n" +
            ": keep-alive\n\n" +
            Sse.Line("Hello from the cloud!", 922) +
            "data:\n\n" +
            "data: \n\n" +
            "event: message\nid: 7\nretry: 3000\n" + Sse.Line("second", 923) +
            ": keep-alive\n\n";

        var (lines, logger) = await ReadAsync(() => ScriptedBody.Text(body));

        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { "Hello from the cloud!", "second" }), "banner dropped, keep-alives ignored");
        Assert.That(lines[0].Timestamp, Is.EqualTo(new DateTimeOffset(2025, 7, 22, 16, 6, 32, 1, TimeSpan.Zero)));
        Assert.That(logger.Collector.Count, Is.Zero, "keep-alives are not warnings");
    }

    [Test]
    public async Task The_banner_is_kept_on_request()
    {
        var body = Sse.Line("===== Job started =====", 0) + Sse.Line("x", 1);
        var (lines, _) = await ReadAsync(() => ScriptedBody.Text(body), JobLogOptions.Snapshot with { IncludeBanner = true });
        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { "===== Job started =====", "x" }));
    }

    [Test]
    public async Task Crlf_line_endings_are_handled()
    {
        var body = Sse.Line("one", 1, "\r\n") + ": keep-alive\r\n\r\n" + Sse.Line("two", 2, "\r\n");
        var (lines, _) = await ReadAsync(() => ScriptedBody.Text(body));
        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { "one", "two" }));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(64)]
    public async Task A_body_split_into_small_chunks_gives_the_same_lines(int chunkSize)
    {
        // Multi-byte characters and CRLF pairs get cut in the middle at these sizes.
        var texts = new[] { "héllo wörld", "日本語のログ", "emoji 🚀 done", "quote \" and backslash \\", "tab\tend" };
        var body = string.Concat(texts.Select((t, i) => Sse.Line(t, i, i % 2 == 0 ? "\r\n" : "\n"))) + ": keep-alive\r\n\r\n";

        var (lines, _) = await ReadAsync(() => ScriptedBody.Text(body, chunkSize));

        Assert.That(lines.Select(l => l.Text), Is.EqualTo(texts));
        Assert.That(lines.Select(l => l.Timestamp), Is.Ordered);
    }

    [Test]
    public async Task Json_escapes_are_decoded()
    {
        var body = "data: {\"data\": \"caf\\u00e9 \\\"quoted\\\" \\u001b[0m\", \"timestamp\": \"2025-07-22T16:06:31Z\"}\n\n";
        var (lines, _) = await ReadAsync(() => ScriptedBody.Text(body));
        Assert.That(lines.Single().Text, Is.EqualTo("café \"quoted\" \u001b[0m"));
        Assert.That(lines.Single().Timestamp, Is.EqualTo(new DateTimeOffset(2025, 7, 22, 16, 6, 31, TimeSpan.Zero)));
    }

    [Test]
    public async Task Malformed_events_are_skipped_with_a_warning_and_the_stream_goes_on()
    {
        const string secretLooking = "do-not-log-this-content";
        var body =
            Sse.Line("before", 1) +
            "data: {\"data\": \"" + secretLooking + "\n\n" +               // truncated JSON
            "data: " + secretLooking + "\n\n" +                           // not JSON at all
            "data: {\"timestamp\": \"2025-07-22T16:06:31.079Z\"}\n\n" +    // no "data"
            "data: {\"data\": 42}\n\n" +                                  // "data" not a string
            "data: [1, 2]\n\n" +                                          // not an object
            Sse.Line("after", 2);

        var (lines, logger) = await ReadAsync(() => ScriptedBody.Text(body));

        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { "before", "after" }));
        var warnings = logger.Collector.GetSnapshot();
        Assert.That(warnings, Has.Count.EqualTo(5));
        Assert.That(warnings.Select(w => w.Level), Is.All.EqualTo(LogLevel.Warning));
        Assert.That(warnings.Select(w => w.Id.Id), Is.All.EqualTo(3101));
        Assert.That(warnings[0].Message, Does.Contain(JobJson.Id).And.Contain("#2"));
        Assert.That(warnings[3].Message, Does.Contain("no string \"data\" field"));
        Assert.That(warnings.Select(w => w.Message), Has.None.Contains(secretLooking), "the event content is never logged");
    }

    [Test]
    public async Task Several_data_lines_in_one_event_are_all_delivered()
    {
        var body = "data: {\"data\": \"a\", \"timestamp\": \"" + Sse.Stamp(1) + "\"}\n" +
                   "data: {\"data\": \"b\", \"timestamp\": \"" + Sse.Stamp(2) + "\"}\n\n";
        var (lines, _) = await ReadAsync(() => ScriptedBody.Text(body));
        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task Missing_or_unreadable_timestamps_give_null()
    {
        var body = "data: {\"data\": \"no time\"}\n\n" + "data: {\"data\": \"bad time\", \"timestamp\": \"yesterday\", \"extra\": {\"nested\": [1]}}\n\n";
        var (lines, logger) = await ReadAsync(() => ScriptedBody.Text(body));
        Assert.That(lines, Is.EqualTo(new[] { new JobLogLine("no time", null), new JobLogLine("bad time", null) }));
        Assert.That(logger.Collector.Count, Is.Zero);
    }

    [Test]
    public async Task Snapshot_ends_when_the_stream_goes_silent()
    {
        var clock = new TestClock();
        var handler = new ScriptedHandler().On(LogsPath, ScriptedHandler.Sse(() => ScriptedBody.ThenSilence(Sse.Lines(1, 3), clock, TimeSpan.FromSeconds(6))));
        var client = TestClients.Jobs(handler, clock);

        var lines = new List<string>();
        await foreach (var line in client.StreamLogsAsync(JobJson.Id, owner: "testuser"))
        {
            lines.Add(line.Text);
        }

        Assert.That(lines, Is.EqualTo(new[] { "line 1", "line 2", "line 3" }));
        Assert.That(handler.Requests, Has.Count.EqualTo(1), "a snapshot never reconnects nor inspects");
    }

    [Test]
    public void Snapshot_reports_a_dropped_connection()
    {
        var handler = new ScriptedHandler().On(LogsPath, ScriptedHandler.Sse(() => ScriptedBody.ThenDrop(Sse.Lines(1, 2))));
        var client = TestClients.Jobs(handler, new TestClock());
        var lines = new List<string>();
        Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var line in client.StreamLogsAsync(JobJson.Id, owner: "testuser"))
            {
                lines.Add(line.Text);
            }
        });
        Assert.That(lines, Is.EqualTo(new[] { "line 1", "line 2" }));
    }
}
