using Microsoft.Extensions.Time.Testing;

namespace SpaceFactory.Core.Tests;

[TestFixture]
public class RunIdTests
{
    [Test]
    public void New_ids_sort_by_time_and_are_safe_path_segments()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 22, 17, 49, TimeSpan.Zero));
        var first = RunId.New(clock);
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = RunId.New(clock);

        Assert.That(first.Value, Does.Match("^20261123T221749Z-[a-z2-7]{8}$"));
        Assert.That(string.CompareOrdinal(first.Value, second.Value), Is.Negative);
        Assert.That(first.Value.IndexOfAny(Path.GetInvalidFileNameChars()), Is.EqualTo(-1));
        Assert.That(RunId.Parse(first.Value), Is.EqualTo(first));
    }

    [TestCase("")]
    [TestCase("../20261123T221749Z-abcdefgh")]
    [TestCase("20261123T221749Z-abcdefg")]
    [TestCase("20261123T221749Z-ABCDEFGH")]
    [TestCase("20261323T221749Z-abcdefgh")]
    [TestCase("20261123T221749Z/abcdefgh")]
    [TestCase("20261123T221749Z-abcdefg1")]
    public void Parse_rejects_anything_else(string text)
    {
        Assert.That(RunId.TryParse(text, out _), Is.False);
        Assert.Throws<FormatException>(() => RunId.Parse(text));
    }

    [Test]
    public void The_example_in_the_error_message_is_itself_a_valid_id()
    {
        var error = Assert.Throws<FormatException>(() => RunId.Parse("nope"));
        var start = error!.Message.IndexOf("e.g. ", StringComparison.Ordinal) + "e.g. ".Length;
        var example = error.Message[start..error.Message.IndexOf(')', start)];

        Assert.That(RunId.TryParse(example, out _), Is.True, example);
    }
}
