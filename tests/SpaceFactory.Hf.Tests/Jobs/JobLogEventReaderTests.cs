using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Hf.Tests.TestSupport;

namespace SpaceFactory.Hf.Tests.Jobs;

/// <summary>
/// The one-pass reader (SSE framing + Job log parsing over a PipeReader) must read every stream exactly as the in-box
/// <see cref="SseParser"/> followed by <see cref="JobLogEventParser"/> does, however the bytes are cut into reads.
/// </summary>
[TestFixture]
public class JobLogEventReaderTests
{
    private static readonly string[] LineEnds = ["\n", "\r", "\r\n"];

    [TestCase("\n")]
    [TestCase("\r")]
    [TestCase("\r\n")]
    public async Task Every_split_position_of_every_line_end_gives_the_in_box_events(string newline)
    {
        var body = Encoding.UTF8.GetBytes(
            Event("héllo 🚀", 1, newline) + ": keep-alive" + newline + newline +
            "event: message" + newline + "id: 7" + newline + "retry: 3000" + newline + Event("second", 2, newline) +
            "data: " + Json("first of two", 3) + newline + "data:" + Json("second of two", 4) + newline + newline +
            "data" + newline + newline + Event("last", 5, newline));
        var expected = await InBoxAsync(body);
        Assert.That(expected.Count(e => e.HasLine), Is.EqualTo(4), "the in-box parser's reading of the sample");

        for (var split = 0; split <= body.Length; split++)
        {
            var events = await ReadAsync([body[..split], body[split..]]);
            Assert.That(Describe(events), Is.EqualTo(Describe(expected)), $"split at byte {split}");
        }

        Assert.That(Describe(await ReadAsync([.. body.Select(b => new[] { b })])), Is.EqualTo(Describe(expected)), "one byte per read");
    }

    [Test]
    public async Task Comments_other_fields_a_bom_and_a_cut_off_last_event_are_read_as_the_in_box_parser_reads_them()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(
            ":comment\n: another\n\nfoo: bar\ndata:" + Json("x", 1) + "\nid\nevent\ndatax: nope\ndat: nope\n\n" +
            "data:\n\ndata\n\ndata:  " + Json("two spaces", 2) + "\n\n" + "data: " + Json("never finished", 3) + "\n")];

        var expected = await InBoxAsync(body);
        var events = await ReadAsync([body]);

        Assert.That(Describe(events), Is.EqualTo(Describe(expected)));
        Assert.That(events.Where(e => e.HasLine).Select(e => e.Line.Text), Is.EqualTo(new[] { "x", "two spaces" }), "the event cut off by the end is dropped");
    }

    [Test]
    public async Task Random_streams_cut_at_random_places_give_the_in_box_events()
    {
        var random = new Random(2126);
        for (var round = 0; round < 300; round++)
        {
            var body = RandomStream(random);
            var chunks = new List<byte[]>();
            for (var at = 0; at < body.Length;)
            {
                var size = Math.Min(body.Length - at, random.Next(1, random.Next(2) == 0 ? 8 : 200));
                chunks.Add(body[at..(at + size)]);
                at += size;
            }

            var expected = await InBoxAsync(body);
            Assert.That(Describe(await ReadAsync(chunks)), Is.EqualTo(Describe(expected)), $"round {round}: {Encoding.UTF8.GetString(body)}");
        }
    }

    [Test]
    public async Task A_large_event_within_the_bound_is_read_whole_across_many_reads()
    {
        var text = new string('x', 300_000);
        var body = Encoding.UTF8.GetBytes(Event(text, 1, "\n") + Event("after", 2, "\n"));

        var events = await ReadAsync([.. body.Chunk(4096)]);

        Assert.That(events.Select(e => e.Line.Text), Is.EqualTo(new[] { text, "after" }));
    }

    [Test]
    public void An_event_over_the_bound_ends_the_stream_with_a_protocol_error_before_it_is_buffered()
    {
        // One line that never ends, and one event of many short data lines: both are stopped at the bound.
        var endless = new EndlessStream("data: {\"data\": \""u8.ToArray(), (byte)'a');
        var endlessError = Assert.ThrowsAsync<HfProtocolException>(async () => await ReadAsync(endless, maxEventBytes: 10_000));
        Assert.That(endlessError!.Message, Does.Contain("GET /api/jobs/testuser/x/logs").And.Contain("grew past"));
        Assert.That(endless.Served, Is.LessThan(200_000), "the reader stopped soon after the bound");

        var manyLines = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("data: 0123456789\n", 1000)) + "\n");
        Assert.ThrowsAsync<HfProtocolException>(async () => await ReadAsync(new ChunkStream([.. manyLines.Chunk(100)]), maxEventBytes: 10_000));
        Assert.DoesNotThrowAsync(async () => await ReadAsync(new ChunkStream([.. manyLines.Chunk(100)]), maxEventBytes: 20_000));
    }

    [Test]
    public void The_client_stops_an_endless_event_at_the_in_box_limit_with_a_typed_error()
    {
        var handler = new ScriptedHandler().On("/api/jobs/testuser/" + JobJson.Id + "/logs", _ =>
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessStream("data: "u8.ToArray(), (byte)'a'), 64 * 1024) });
        var client = TestClients.Jobs(handler, new TestClock());

        var error = Assert.ThrowsAsync<HfProtocolException>(async () =>
        {
            await foreach (var line in client.StreamLogsAsync(JobJson.Id, owner: "testuser"))
            {
                Assert.Fail("no line was complete: " + line.Text.Length);
            }
        });

        Assert.That(error!.Message, Does.Contain("/logs").And.Contain("64 MiB"));
    }

    [Test]
    public void Cancellation_stops_a_read_that_waits_for_bytes()
    {
        using var cancel = new CancellationTokenSource();
        var reader = new JobLogEventReader(new NeverStream(), "GET /x", cancel.Token);
        var pending = reader.MoveNextAsync().AsTask();
        cancel.Cancel();
        Assert.That(async () => await pending, Throws.InstanceOf<OperationCanceledException>());
    }

    private static string Json(string text, int millis) => "{\"data\": " + Sse.Quote(text) + ", \"timestamp\": \"" + Sse.Stamp(millis) + "\"}";

    private static string Event(string text, int millis, string newline) => "data: " + Json(text, millis) + newline + newline;

    private static byte[] RandomStream(Random random)
    {
        var builder = new StringBuilder();
        if (random.Next(10) == 0)
        {
            builder.Append('\uFEFF');
        }

        var parts = random.Next(1, 25);
        for (var i = 0; i < parts; i++)
        {
            var newline = LineEnds[random.Next(LineEnds.Length)];
            builder.Append(random.Next(12) switch
            {
                0 or 1 or 2 => "data: " + Json("t" + i + (random.Next(3) == 0 ? " ünï ✓" : string.Empty), i),
                3 => "data:" + Json("tight" + i, i),
                4 => "data",
                5 => ": keep-alive",
                6 => "event: message",
                7 => "id: " + i,
                8 => "retry: 1000",
                9 => "datum: x",
                10 => "data: not json " + i,
                _ => string.Empty,
            }).Append(newline);
            if (random.Next(3) == 0)
            {
                builder.Append(newline);
            }
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static async Task<List<JobLogEvent>> InBoxAsync(byte[] body)
    {
        var events = new List<JobLogEvent>();
        await foreach (var item in SseParser.Create(new MemoryStream(body), JobLogEventParser.ItemParser).EnumerateAsync())
        {
            events.Add(item.Data);
        }

        return events;
    }

    private static Task<List<JobLogEvent>> ReadAsync(IReadOnlyList<byte[]> chunks) => ReadAsync(new ChunkStream(chunks));

    private static async Task<List<JobLogEvent>> ReadAsync(Stream body, int maxEventBytes = JobLogEventReader.MaxEventBytes)
    {
        var events = new List<JobLogEvent>();
        await using var reader = new JobLogEventReader(body, "GET /api/jobs/testuser/x/logs", CancellationToken.None, maxEventBytes);
        while (await reader.MoveNextAsync())
        {
            events.Add(reader.Current);
        }

        return events;
    }

    private static List<string> Describe(List<JobLogEvent> events) =>
        [.. events.Select(e => $"{(e.HasLine ? e.Line.ToString() : "-")} | {string.Join(" + ", e.More ?? [])} | {e.Problem}")];

    /// <summary>Each read returns the next chunk (never more), so every cut is seen by the reader.</summary>
    private sealed class ChunkStream(IReadOnlyList<byte[]> chunks) : Stream
    {
        private int _next;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_next < chunks.Count && chunks[_next].Length == 0)
            {
                _next++;
            }

            if (_next == chunks.Count)
            {
                return 0;
            }

            var chunk = chunks[_next++];
            if (chunk.Length > buffer.Length)
            {
                throw new InvalidOperationException("The test's chunks must fit the reader's buffer.");
            }

            chunk.CopyTo(buffer);
            return chunk.Length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A prefix, then one byte repeated without end (a line that never ends).</summary>
    private sealed class EndlessStream(byte[] prefix, byte fill) : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, 8192);
            for (var i = 0; i < count; i++)
            {
                buffer[i] = Served + i < prefix.Length ? prefix[Served + i] : fill;
            }

            Served += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A body whose reads wait until they are cancelled.</summary>
    private sealed class NeverStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
