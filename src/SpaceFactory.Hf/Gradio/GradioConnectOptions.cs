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
}
