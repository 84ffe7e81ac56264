namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// The pieces of one connection of a Job log stream: SSE framing and event data in one pass by
/// <see cref="JobLogEventReader"/>, and the rule for which lines are delivered. <see cref="JobsClient"/> drives them in
/// its own loop so that each line crosses a single async iterator.
/// </summary>
internal static class JobLogStreamReader
{
    /// <summary>The banner the Hub writes first; the official client drops it.</summary>
    private const string BannerPrefix = "===== Job started";

    /// <summary>The events of <paramref name="body"/>; comments (keep-alives) produce none.</summary>
    public static JobLogEventReader EnumerateEvents(Stream body, string description, CancellationToken cancellationToken) =>
        new(body, description, cancellationToken);

    /// <summary>Whether <paramref name="line"/> is delivered: not a replay of a delivered line, and not the banner unless asked.</summary>
    public static bool IsNew(JobLogLine line, JobLogCursor cursor, bool includeBanner) =>
        cursor.Admit(line.Timestamp) && (includeBanner || !line.Text.StartsWith(BannerPrefix, StringComparison.Ordinal));
}
