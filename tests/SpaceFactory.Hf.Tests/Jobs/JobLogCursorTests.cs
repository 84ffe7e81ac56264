using SpaceFactory.Hf.Jobs;

namespace SpaceFactory.Hf.Tests.Jobs;

[TestFixture]
public class JobLogCursorTests
{
    private static readonly DateTimeOffset T = new(2025, 7, 22, 16, 0, 0, TimeSpan.Zero);

    private static List<int> Admitted(JobLogCursor cursor, params DateTimeOffset?[] stamps)
    {
        cursor.BeginConnection();
        return [.. stamps.Select((s, i) => (s, i)).Where(x => cursor.Admit(x.s)).Select(x => x.i)];
    }

    [Test]
    public void Full_replay_skips_exactly_what_was_delivered()
    {
        var cursor = new JobLogCursor();
        Assert.That(Admitted(cursor, T, T, T.AddSeconds(1)), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(Admitted(cursor, T, T, T.AddSeconds(1), T.AddSeconds(1), T.AddSeconds(2)), Is.EqualTo(new[] { 3, 4 }));
        Assert.That(cursor.Delivered, Is.EqualTo(5));
    }

    [Test]
    public void Lines_without_timestamps_fall_back_to_counting()
    {
        var cursor = new JobLogCursor();
        Assert.That(Admitted(cursor, null, null), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(Admitted(cursor, null, null, null), Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void Timestamps_going_backwards_within_a_connection_are_all_delivered()
    {
        var cursor = new JobLogCursor();
        Assert.That(Admitted(cursor, T.AddSeconds(5), T.AddSeconds(3), T.AddSeconds(4)), Is.EqualTo(new[] { 0, 1, 2 }), "a first connection is never filtered");
        Assert.That(Admitted(cursor, T.AddSeconds(3), T.AddSeconds(4), T.AddSeconds(6), T.AddSeconds(1), T.AddSeconds(2)), Is.EqualTo(new[] { 2, 3, 4 }),
            "the replay ends at the first new line; after it every line of the connection is delivered");
    }

    [Test]
    public void A_partial_replay_resumes_after_the_last_delivered_line()
    {
        var cursor = new JobLogCursor();
        Assert.That(Admitted(cursor, T, T.AddSeconds(1), T.AddSeconds(1)), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(Admitted(cursor, T.AddSeconds(1), T.AddSeconds(1), T.AddSeconds(1), T.AddSeconds(2)), Is.EqualTo(new[] { 2, 3 }));
    }
}
