namespace SpaceFactory.Hf.Gradio;

/// <summary>What <c>GET /config</c> says about an app.</summary>
public sealed record GradioAppInfo
{
    /// <summary>Gradio 4.20 brought the simple <c>/call</c> API.</summary>
    internal static readonly Version CallRouteVersion = new(4, 20);

    /// <summary>The app's base URL (its root, without a trailing slash).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The Space id, when connected through one.</summary>
    public string? SpaceId { get; init; }

    /// <summary>The Gradio version, e.g. <c>6.25.0</c>.</summary>
    public string? Version { get; init; }

    /// <summary>The API prefix: <c>/gradio_api</c> from 5.0, empty before.</summary>
    public string ApiPrefix { get; init; } = string.Empty;

    /// <summary>The queue protocol, e.g. <c>sse_v3</c>.</summary>
    public string? Protocol { get; init; }

    /// <summary>Whether the app shows errors (<c>show_error</c>).</summary>
    public bool ShowError { get; init; }

    /// <summary>
    /// Whether the app is a simulation (the SpaceFactory Sandbox marks its simulated runtimes with
    /// <c>"spacefactory_simulated": true</c>): its outputs do not come from a real model.
    /// </summary>
    public bool IsSimulated { get; init; }

    /// <summary>The app's functions.</summary>
    public IReadOnlyList<GradioDependency> Dependencies { get; init; } = [];

    /// <summary>The version as a number, when it parses.</summary>
    public Version? VersionNumber => System.Version.TryParse(Version?.Split('b', 'r', 'a', '-', '+')[0], out var parsed) ? parsed : null;

    /// <summary>Whether the app has the simple <c>/call</c> API (Gradio 4.20+).</summary>
    public bool HasCallRoute => VersionNumber is null || VersionNumber >= CallRouteVersion;
}
