namespace SpaceFactory.Phases.Agents;

/// <summary>How one <c>pi</c> task ended.</summary>
public sealed record PiRunResult
{
    /// <summary>The process exit code (143 after SIGTERM).</summary>
    public required int ExitCode { get; init; }

    /// <summary>Whether the wrapper ended it at its time limit.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The <c>stopReason</c> of the last assistant message (<c>stop</c>, <c>toolUse</c>, <c>error</c>, <c>aborted</c>, <c>length</c>), if any.</summary>
    public string? StopReason { get; init; }

    /// <summary>The <c>errorMessage</c> of the last assistant message, if any.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The text of the last assistant message.</summary>
    public string? FinalText { get; init; }

    /// <summary>How many tools the agent called.</summary>
    public int ToolCalls { get; init; }

    /// <summary>How long the task ran.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>
    /// Success is decided only here: exit code 0 <b>and</b> a final assistant message with <c>stopReason</c> <c>stop</c>
    /// and no error (json mode exits 0 even when every model call failed).
    /// </summary>
    public bool Succeeded => !TimedOut && ExitCode == 0 && string.Equals(StopReason, "stop", StringComparison.Ordinal) && ErrorMessage is null;

    /// <summary>Why it did not succeed, in words; null when it did.</summary>
    public string? FailureReason =>
        Succeeded ? null
        : TimedOut ? $"the agent was stopped at its time limit after {Duration.TotalSeconds:F0} s"
        : ErrorMessage is not null ? $"the model call failed: {ErrorMessage}"
        : ExitCode != 0 ? $"pi exited with code {ExitCode}"
        : StopReason is null ? "the agent produced no final answer"
        : $"the agent's final answer ended with stop reason '{StopReason}'";
}
