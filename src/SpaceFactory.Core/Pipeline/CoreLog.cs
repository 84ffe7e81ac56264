using Microsoft.Extensions.Logging;

namespace SpaceFactory.Core.Pipeline;

/// <summary>The pipeline's log messages (source-generated).</summary>
internal static partial class CoreLog
{
    [LoggerMessage(1, LogLevel.Information, "Run {RunId} ({Recipe}) started")]
    public static partial void RunStarted(ILogger logger, string runId, string recipe);

    [LoggerMessage(2, LogLevel.Information, "Run {RunId} resumed ({Resumes} time(s)); {Skipped} finished step(s) skipped")]
    public static partial void RunResumed(ILogger logger, string runId, int resumes, int skipped);

    [LoggerMessage(3, LogLevel.Information, "Step {Step} of run {RunId} started")]
    public static partial void StepStarted(ILogger logger, string step, string runId);

    [LoggerMessage(4, LogLevel.Information, "Step {Step} of run {RunId} ended {Status} in {DurationMs} ms")]
    public static partial void StepEnded(ILogger logger, string step, string runId, string status, long durationMs);

    [LoggerMessage(5, LogLevel.Warning, "Step {Step} of run {RunId} failed: {ErrorType}: {Message}")]
    public static partial void StepFailed(ILogger logger, string step, string runId, string errorType, string message);

    [LoggerMessage(6, LogLevel.Information, "Run {RunId} ended {Status} ({Outcome})")]
    public static partial void RunEnded(ILogger logger, string runId, string status, string outcome);

    [LoggerMessage(7, LogLevel.Warning, "Run {RunId}: repaired events.jsonl, dropped {Bytes} bytes of a torn last line")]
    public static partial void EventLogRepaired(ILogger logger, string runId, long bytes);
}
