using SpaceFactory.Hf.Jobs;

namespace SpaceFactory.Hf.Tests.Jobs;

[TestFixture]
public class JobTimeoutTests
{
    // Expected values are what huggingface_hub's _create_job_spec computes for the same strings.
    [TestCase("90s", 90)]
    [TestCase("15m", 900)]
    [TestCase("1.5h", 5400)]
    [TestCase("2d", 172800)]
    [TestCase("1d", 86400)]
    [TestCase("3600s", 3600)]
    [TestCase("300", 300)]
    [TestCase(" 300 ", 300)]
    [TestCase("+45", 45)]
    [TestCase("0.5m", 30)]
    [TestCase("1.1h", 3960)]
    [TestCase("1.9999s", 1)]
    [TestCase("1e2s", 100)]
    [TestCase(".5m", 30)]
    public void Parse_reads_cli_strings_like_the_python_client(string text, int seconds)
    {
        Assert.That(JobTimeout.Parse(text).Seconds, Is.EqualTo(seconds));
        Assert.That(JobTimeout.TryParse(text, null, out var parsed), Is.True);
        Assert.That(parsed.Seconds, Is.EqualTo(seconds));
    }

    [TestCase("15x")]
    [TestCase("abc")]
    [TestCase("15M")]
    [TestCase("5min")]
    [TestCase("1.5")]
    [TestCase("m")]
    [TestCase("infs")]
    [TestCase("NaNm")]
    public void Parse_rejects_malformed_text_quoting_it(string text)
    {
        var error = Assert.Throws<FormatException>(() => JobTimeout.Parse(text));
        Assert.That(error!.Message, Does.Contain($"'{text}'"));
        Assert.That(error.Message, Does.Contain("'15m'"), "the message shows the accepted syntax");
        Assert.That(JobTimeout.TryParse(text, null, out _), Is.False);
    }

    [Test]
    public void Parse_rejects_an_empty_string()
    {
        var error = Assert.Throws<FormatException>(() => JobTimeout.Parse(""));
        Assert.That(error!.Message, Does.Contain("must not be empty"));
    }

    [TestCase("-5m")]
    [TestCase("0")]
    [TestCase("0.2s")]
    [TestCase("-1")]
    [TestCase("100000d")]
    public void Parse_rejects_out_of_range_values_naming_them(string text)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => JobTimeout.Parse(text));
        Assert.That(error!.Message, Does.Contain($"'{text}'"));
        Assert.That(JobTimeout.TryParse(text, null, out _), Is.False);
    }

    [Test]
    public void TimeSpan_converts_and_truncates_to_whole_seconds()
    {
        JobTimeout timeout = TimeSpan.FromSeconds(90.7);
        Assert.That(timeout.Seconds, Is.EqualTo(90));
        Assert.That(JobTimeout.FromTimeSpan(TimeSpan.FromMinutes(15)).Seconds, Is.EqualTo(900));
        Assert.That(JobTimeout.FromSeconds(5).Duration, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => JobTimeout.FromTimeSpan(TimeSpan.FromMilliseconds(500)));
        Assert.Throws<ArgumentOutOfRangeException>(() => JobTimeout.FromSeconds(0));
    }

    [Test]
    public void ToString_round_trips()
    {
        var timeout = JobTimeout.Parse("1.5h");
        Assert.That(timeout.ToString(), Is.EqualTo("5400s"));
        Assert.That(JobTimeout.Parse(timeout.ToString()), Is.EqualTo(timeout));
    }
}
