namespace SpaceFactory.Hf.Gradio;

/// <summary>How to connect to a Gradio app.</summary>
public sealed record GradioConnectOptions
{
    /// <summary>
    /// The token sent (as <c>Authorization: Bearer</c> and <c>X-HF-Authorization</c>) to the app's own origin only.
    /// When connecting by Space id it defaults to the Hugging Face token in use; when connecting by URL, only an
    /// explicit token is sent, unless the host is a <c>*.hf.space</c> origin.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>Longest wait for a Space that is building or starting. Default 10 minutes.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>First pause between runtime checks while waiting (doubles up to 5 s). Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether a sleeping Space is restarted and waited for. Default true.</summary>
    public bool WakeSleepingSpace { get; init; } = true;

    /// <summary>How long a result stream may stay silent (Gradio sends heartbeats every 15 s). Default 60 s.</summary>
    public TimeSpan StreamIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Largest JSON answer read from the app (<c>/config</c>, <c>/info</c>, a call's start, an upload): a longer one
    /// ends the read with a <see cref="GradioProtocolException"/> after at most this many bytes. Default 16 MiB.
    /// </summary>
    public long MaxJsonBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Largest single server-sent event (or line) of a result stream: a longer one closes the stream with a
    /// <see cref="GradioProtocolException"/> after at most this many bytes. Default 16 MiB.
    /// </summary>
    public long MaxSseEventBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// Longest time for reading the app's <c>/config</c> and <c>/info</c> once it runs (the wait for a starting Space
    /// is <see cref="WaitTimeout"/>). An app that trickles its answer ends with a <see cref="GradioProtocolException"/>.
    /// Default 60 s; <see cref="Timeout.InfiniteTimeSpan"/> for none.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Longest time for one whole call, from its start to its final value (heartbeats do not extend it, unlike
    /// <see cref="StreamIdleTimeout"/>). Running out ends the call with a <see cref="GradioProtocolException"/>.
    /// Default 5 minutes; <see cref="Timeout.InfiniteTimeSpan"/> for none.
    /// </summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
