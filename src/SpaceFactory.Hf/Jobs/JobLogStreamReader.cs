using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace SpaceFactory.Hf.Jobs;

/// <summary>Reads one connection of a Job log stream: SSE framing by the in-box <see cref="SseParser"/>, lines by <see cref="JobLogEventParser"/>.</summary>
internal static class JobLogStreamReader
{
    /// <summary>The banner the Hub writes first; the official client drops it.</summary>
    private const string BannerPrefix = "===== Job started";

    /// <summary>
    /// Yields the new lines of <paramref name="body"/>: keep-alives and comments are ignored, an unreadable event is
    /// skipped with a warning, and lines the <paramref name="cursor"/> has already delivered are skipped.
    /// </summary>
    public static async IAsyncEnumerable<JobLogLine> ReadAsync(
        Stream body,
        JobLogCursor cursor,
        bool includeBanner,
        ILogger logger,
        string jobId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cursor.BeginConnection();
        var eventNumber = 0L;
        await foreach (var item in SseParser.Create(body, JobLogEventParser.ItemParser).EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            eventNumber++;
            var logEvent = item.Data;
            if (logEvent.Problem is not null)
            {
                JobsLog.SkippedUnreadableLogEvent(logger, jobId, eventNumber, logEvent.Problem);
            }

            if (logEvent.HasLine && IsNew(logEvent.Line, cursor, includeBanner))
            {
                yield return logEvent.Line;
            }

            if (logEvent.More is { } more)
            {
                foreach (var line in more)
                {
                    if (IsNew(line, cursor, includeBanner))
                    {
                        yield return line;
                    }
                }
            }
        }
    }

    private static bool IsNew(JobLogLine line, JobLogCursor cursor, bool includeBanner) =>
        cursor.Admit(line.Timestamp) && (includeBanner || !line.Text.StartsWith(BannerPrefix, StringComparison.Ordinal));
}
