namespace SpaceFactory.Hf.Hub;

/// <summary>How <see cref="HubClient.WatchSpaceRuntimeAsync"/> follows a Space's stage.</summary>
public sealed record SpaceWatchOptions
{
    /// <summary>
    /// Follow the Hub's status stream (<c>GET /api/spaces/{id}/events</c>): one open request that tells every stage
    /// change as it happens. Default true; when the stream is refused or keeps failing, the watch polls instead.
    /// </summary>
    public bool UseEventStream { get; init; } = true;

    /// <summary>First pause between runtime reads when polling, and again after each stage change. Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause between runtime reads when polling (the pause doubles up to it while the stage stays). Default 5 s.</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Silence after which the status stream is reopened (a quiet build is normal). Default 60 s.</summary>
    public TimeSpan EventStreamIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Failed or empty status streams in a row after which the watch polls instead. Default 3.</summary>
    public int MaxEventStreamFailures { get; init; } = 3;

    /// <summary>
    /// Keep doubling the polling pause across stage changes instead of starting again at <see cref="PollInterval"/>:
    /// the cadence <see cref="Gradio.GradioConnectOptions.PollInterval"/> documents for connecting to a Space.
    /// </summary>
    internal bool BackOffAcrossChanges { get; init; }
}
