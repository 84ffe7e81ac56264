using Microsoft.Extensions.Logging;

namespace SpaceFactory.Hf.Jobs;

/// <summary>The log messages of the Jobs client. None carries a secret or the content of a log line.</summary>
internal static partial class JobsLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Skipped unreadable event #{EventNumber} in the log stream of Job {JobId}: {Problem}")]
    public static partial void SkippedUnreadableLogEvent(ILogger logger, string jobId, long eventNumber, string problem);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information,
        Message = "Log stream of Job {JobId} {Reason} while the Job is {Stage}; reopening in {DelaySeconds} s")]
    public static partial void ReopeningLogStream(ILogger logger, string jobId, string reason, string stage, double delaySeconds);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning,
        Message = "Log stream of Job {JobId} failed (failure {Failure} of {MaxFailures} tolerated): {Error}")]
    public static partial void LogStreamFailed(ILogger logger, string jobId, int failure, int maxFailures, string error);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug,
        Message = "Log stream of Job {JobId} {Reason} and the Job is {Stage}: stopping")]
    public static partial void LogStreamFinished(ILogger logger, string jobId, string reason, string stage);
}
