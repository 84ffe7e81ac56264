using Microsoft.Extensions.Logging;

namespace SpaceFactory.Sandbox.Spaces;

/// <summary>The Sandbox's log messages (source-generated; never a token or secret value).</summary>
internal static partial class SandboxLog
{
    [LoggerMessage(1, LogLevel.Information, "Space {SpaceId} is now {Stage}")]
    public static partial void SpaceStage(ILogger logger, string spaceId, string stage);

    [LoggerMessage(2, LogLevel.Information, "Job {JobId} finished with stage {Stage}")]
    public static partial void JobFinished(ILogger logger, string jobId, string stage);

    [LoggerMessage(3, LogLevel.Warning, "Space app server of {SpaceId} failed: {Message}")]
    public static partial void AppServerFailed(ILogger logger, string spaceId, string message);
}
