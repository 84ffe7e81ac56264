using System.Text;
using System.Text.Json;
using SpaceFactory.Hf.Jobs;

namespace SpaceFactory.Hf.Tests.Jobs;

/// <summary>The fast path for the Hub's exact event shape must agree with the general JSON reader.</summary>
[TestFixture]
public class JobLogEventParserTests
{
    [TestCase("2025-07-22T16:06:31Z")]
    [TestCase("2025-07-22T16:06:31.1Z")]
    [TestCase("2025-07-22T16:06:31.079Z")]
    [TestCase("2025-07-22T16:06:31.1234567Z")]
    [TestCase("2024-02-29T23:59:59.999Z")]
    [TestCase("0001-01-01T00:00:00Z")]
    public void Fast_timestamps_equal_the_general_reader(string stamp)
    {
        Assert.That(JobLogTimestamp.TryParseUtc(Encoding.UTF8.GetBytes(stamp), out var fast), Is.True);
        Assert.That(fast, Is.EqualTo(DateTimeOffset.Parse(stamp, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(fast.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase("2025-07-22T16:06:31+02:00")]
    [TestCase("2025-02-30T16:06:31Z")]
    [TestCase("2025-13-01T16:06:31Z")]
    [TestCase("2025-07-22T24:06:31Z")]
    [TestCase("2025-07-22 16:06:31Z")]
    [TestCase("2025-07-22T16:06:31.12345678Z")]
    [TestCase("2025-07-22T16:06:31.Z")]
    [TestCase("2025-07-2xT16:06:31Z")]
    public void Other_timestamp_shapes_are_left_to_the_general_reader(string stamp) =>
        Assert.That(JobLogTimestamp.TryParseUtc(Encoding.UTF8.GetBytes(stamp), out _), Is.False);

    [TestCase("{\"data\": \"hello\", \"timestamp\": \"2025-07-22T16:06:31.079Z\"}", true)]
    [TestCase("{\"data\":\"hello\",\"timestamp\":\"2025-07-22T16:06:31.079Z\"}", true)]
    [TestCase(" {\"data\" :  \"héllo 🚀\" ,\t\"timestamp\": \"2025-07-22T16:06:31Z\" } ", false)]
    [TestCase("{\"data\": \"say \\\"hi\\\"\", \"timestamp\": \"2025-07-22T16:06:31.079Z\"}", false)]
    [TestCase("{\"data\": \"x\", \"timestamp\": \"2025-07-22T16:06:31+00:00\"}", false)]
    [TestCase("{\"timestamp\": \"2025-07-22T16:06:31.079Z\", \"data\": \"reversed\"}", false)]
    [TestCase("{\"data\": \"x\", \"timestamp\": \"2025-07-22T16:06:31.079Z\", \"extra\": 1}", false)]
    [TestCase("{\"data\": \"x\"}", false)]
    [TestCase("{\"data\": \"\", \"timestamp\": \"2025-07-22T16:06:31.079Z\"}", true)]
    public void Fast_path_and_general_reader_give_the_same_line(string json, bool fast)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.That(JobLogEventParser.TryParseCanonical(bytes, out _), Is.EqualTo(fast), "which path is taken");

        var parsed = JobLogEventParser.Parse(bytes);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.That(parsed.HasLine, Is.True);
        Assert.That(parsed.Problem, Is.Null);
        Assert.That(parsed.Line.Text, Is.EqualTo(root.GetProperty("data").GetString()));
        DateTimeOffset? expected = root.TryGetProperty("timestamp", out var stamp) ? stamp.GetDateTimeOffset() : null;
        Assert.That(parsed.Line.Timestamp, Is.EqualTo(expected));
    }

    [Test]
    public void Raw_control_characters_and_invalid_utf8_are_not_accepted_by_the_fast_path()
    {
        var control = Encoding.UTF8.GetBytes("{\"data\": \"a\tb\", \"timestamp\": \"2025-07-22T16:06:31Z\"}");
        Assert.That(JobLogEventParser.TryParseCanonical(control, out _), Is.False);
        Assert.That(JobLogEventParser.Parse(control).Problem, Is.Not.Null, "the general reader rejects raw control characters");

        byte[] invalid = [.. "{\"data\": \""u8, 0xC3, 0x28, .. "\", \"timestamp\": \"2025-07-22T16:06:31Z\"}"u8];
        Assert.That(JobLogEventParser.TryParseCanonical(invalid, out _), Is.False);
        var unreadable = JobLogEventParser.Parse(invalid);
        Assert.That(unreadable.HasLine, Is.False);
        Assert.That(unreadable.Problem, Does.Contain("UTF-8"), "skipped with a warning, not a crash");
    }
}
