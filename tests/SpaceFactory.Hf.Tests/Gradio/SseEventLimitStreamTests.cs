using System.Text;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Hf.Gradio.Internal;

namespace SpaceFactory.Hf.Tests.Gradio;

/// <summary>
/// The SSE event limit counts from line end to line end (a vectorised search): checked against the byte-at-a-time
/// rule it replaced, for every limit around the events' sizes and bodies cut into reads of 1 to 7 bytes.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class SseEventLimitStreamTests
{
    private static readonly string[] Bodies =
    [
        "event: complete\ndata: [\"ok\"]\n\n",
        "event: heartbeat\r\ndata: null\r\n\r\nevent: complete\r\ndata: [\"crlf\"]\r\n\r\n",
        "event: a\rdata: cr only\r\rdata: next\r\r",
        "data: one\ndata: two\ndata: three\n\nevent: x\n\n",
        "data: mixed\r\n\rdata: lf\n\r\n\n\ndata: end",
        ": comment\n\n\n\r\r\n\ndata: after blank lines\n\n",
    ];

    [Test]
    public async Task The_limit_holds_exactly_where_the_byte_rule_puts_it()
    {
        foreach (var body in Bodies)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            for (var limit = 1; limit <= 40; limit++)
            {
                var expected = ByteRuleExceeds(bytes, limit);
                for (var perRead = 1; perRead <= 7; perRead++)
                {
                    var refused = await ReadThroughAsync(bytes, limit, perRead);
                    Assert.That(refused, Is.EqualTo(expected), $"limit {limit}, {perRead} byte(s) a read, body {body.ReplaceLineEndings("⏎")}");
                }
            }
        }
    }

    [Test]
    public async Task Every_byte_arrives_unchanged_under_the_limit()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Bodies));
        await using var stream = new SseEventLimitStream(new ChunkedStream(bytes, 5), 1024, "GET /x");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.That(copy.ToArray(), Is.EqualTo(bytes));
    }

    private static async Task<bool> ReadThroughAsync(byte[] bytes, long limit, int perRead)
    {
        await using var stream = new SseEventLimitStream(new ChunkedStream(bytes, perRead), limit, "GET /x");
        var buffer = new byte[16];
        try
        {
            while (await stream.ReadAsync(buffer) > 0)
            {
            }

            return false;
        }
        catch (GradioProtocolException ex)
        {
            Assert.That(ex.Message, Does.Contain("MaxSseEventBytes").And.Contain("GET /x"));
            return true;
        }
    }

    /// <summary>The rule before: every byte that is not a line end counts; a blank line starts the count anew.</summary>
    private static bool ByteRuleExceeds(byte[] bytes, long limit)
    {
        long eventBytes = 0;
        bool lineEmpty = true, afterCarriageReturn = false;
        foreach (var b in bytes)
        {
            if (b == (byte)'\n' && afterCarriageReturn)
            {
                afterCarriageReturn = false;
                continue;
            }

            afterCarriageReturn = b == (byte)'\r';
            if (b is (byte)'\n' or (byte)'\r')
            {
                if (lineEmpty)
                {
                    eventBytes = 0;
                }

                lineEmpty = true;
                continue;
            }

            lineEmpty = false;
            if (++eventBytes > limit)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Hands out a few bytes per read, some reads completing at once and some later.</summary>
    private sealed class ChunkedStream(byte[] data, int perRead) : MemoryStream(data, writable: false)
    {
        private int _reads;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (++_reads % 2 == 0)
            {
                await Task.Yield();
            }

            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, perRead)], cancellationToken);
        }
    }
}
