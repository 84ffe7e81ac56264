using Microsoft.Extensions.Logging;

namespace SpaceFactory.Phases.Agents;

/// <summary>The agent's log messages (source-generated; never a token, never a prompt).</summary>
internal static partial class PiAgentLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Installing {Spec} into {Folder}")]
    public static partial void Installing(ILogger logger, string spec, string folder);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Installed {Spec} in {Seconds:F1} s")]
    public static partial void Installed(ILogger logger, string spec, double seconds);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Agent task {Task} started with model {Model}")]
    public static partial void Started(ILogger logger, string task, string model);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Agent task {Task} reached its time limit of {Limit}; terminating pi")]
    public static partial void TimeLimitReached(ILogger logger, string task, TimeSpan limit);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Agent task {Task} ended: exit code {ExitCode}, stop reason {StopReason}")]
    public static partial void Ended(ILogger logger, string task, int exitCode, string? stopReason);
}
