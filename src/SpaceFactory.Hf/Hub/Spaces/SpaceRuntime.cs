using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>
/// The runtime of a Space (<c>GET /api/spaces/{id}/runtime</c>, and the answer of restart, pause, hardware and
/// sleep-time requests).
/// </summary>
public sealed class SpaceRuntime
{
    /// <summary>The stage, e.g. <see cref="SpaceStage.Building"/>.</summary>
    [JsonPropertyName("stage")]
    public SpaceStage Stage { get; init; }

    /// <summary>Current and requested hardware.</summary>
    [JsonPropertyName("hardware")]
    public SpaceHardwareInfo? Hardware { get; init; }

    /// <summary>Seconds of inactivity before the Space sleeps (<c>gcTimeout</c>); <see langword="null"/> for static Spaces.</summary>
    [JsonPropertyName("gcTimeout")]
    public long? SleepTimeSeconds { get; init; }

    /// <summary>Persistent storage tier (raw; deprecated by the Hub).</summary>
    [JsonPropertyName("storage")]
    public JsonElement? Storage { get; init; }

    /// <summary>Requested and current replicas.</summary>
    [JsonPropertyName("replicas")]
    public SpaceReplicas? Replicas { get; init; }

    /// <summary>Whether dev mode is on.</summary>
    [JsonPropertyName("devMode")]
    public bool? DevMode { get; init; }

    /// <summary>The domains serving the app, e.g. <c>owner-name.hf.space</c>.</summary>
    [JsonPropertyName("domains")]
    public IReadOnlyList<SpaceDomain>? Domains { get; init; }

    /// <summary>Why the Space failed, on error stages.</summary>
    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; init; }

    /// <summary>The commit the runtime runs.</summary>
    [JsonPropertyName("sha")]
    public string? Sha { get; init; }

    /// <summary>The SDK, when reported.</summary>
    [JsonPropertyName("sdk")]
    public string? Sdk { get; init; }

    /// <summary>The SDK version, when reported.</summary>
    [JsonPropertyName("sdkVersion")]
    public string? SdkVersion { get; init; }
}
