using System.Net.ServerSentEvents;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// The pieces of one connection of a Job log stream: SSE framing by the in-box <see cref="SseParser"/>, event data by
/// <see cref="JobLogEventParser"/>, and the rule for which lines are delivered. <see cref="JobsClient"/> drives them in
/// its own loop so that each line crosses a single async iterator.
/// </summary>
internal static class JobLogStreamReader
{
    /// <summary>The banner the Hub writes first; the official client drops it.</summary>
    private const string BannerPrefix = "===== Job started";

    /// <summary>The events of <paramref name="body"/>; comments (keep-alives) produce none.</summary>
    public static IAsyncEnumerator<SseItem<JobLogEvent>> EnumerateEvents(Stream body, CancellationToken cancellationToken) =>
        SseParser.Create(body, JobLogEventParser.ItemParser).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>Whether <paramref name="line"/> is delivered: not a replay of a delivered line, and not the banner unless asked.</summary>
    public static bool IsNew(JobLogLine line, JobLogCursor cursor, bool includeBanner) =>
        cursor.Admit(line.Timestamp) && (includeBanner || !line.Text.StartsWith(BannerPrefix, StringComparison.Ordinal));
}
