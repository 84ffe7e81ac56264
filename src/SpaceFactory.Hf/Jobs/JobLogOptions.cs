namespace SpaceFactory.Hf.Jobs;

/// <summary>How <see cref="JobsClient.StreamLogsAsync"/> reads a Job's log stream.</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record JobLogOptions
{
    /// <summary>The default: read the lines available now, then stop.</summary>
    public static JobLogOptions Snapshot { get; } = new();

    /// <summary>Follow the Job until it finishes, surviving dropped connections and long silences.</summary>
    public static JobLogOptions FollowUntilFinished { get; } = new() { Follow = true };

    /// <summary>
    /// <see langword="false"/> (default): return the lines available now and stop when the server closes the stream or
    /// stays silent for <see cref="IdleTimeout"/>. <see langword="true"/>: keep reading until the Job has finished;
    /// after a dropped connection or a silence the Job's stage is checked, and the stream is reopened (with lines
    /// already delivered skipped) unless the Job is finished.
    /// </summary>
    public bool Follow { get; init; }

    /// <summary>Start from the last N lines (<c>?tail=N</c>) instead of the beginning; <see langword="null"/> for all.</summary>
    public int? Tail { get; init; }

    /// <summary>
    /// Longest silence before the stream is treated as drained (snapshot) or dropped (follow). <see langword="null"/>:
    /// 5 s for a snapshot (as the official client), <see cref="HfClientOptions.StreamIdleTimeout"/> when following
    /// (the Hub sends a keep-alive about every 30 s).
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>Consecutive failed connections tolerated when following before the error is thrown. Default 5.</summary>
    public int MaxReconnectAttempts { get; init; } = 5;

    /// <summary>First wait before reopening the stream; it doubles on each reconnect without new lines. Default 1 s.</summary>
    public TimeSpan MinReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before reopening the stream. Default 10 s.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether to keep the server's <c>===== Job started …</c> banner line (the official client drops it). Default no.</summary>
    public bool IncludeBanner { get; init; }
}
