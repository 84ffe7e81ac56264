using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>The hardware of a Space (<c>runtime.hardware</c>). Flavors are an open set, e.g. <c>cpu-basic</c>, <c>t4-small</c>.</summary>
public sealed class SpaceHardwareInfo
{
    /// <summary>The flavor running now; <see langword="null"/> while building or stopped.</summary>
    [JsonPropertyName("current")]
    public string? Current { get; init; }

    /// <summary>The flavor requested.</summary>
    [JsonPropertyName("requested")]
    public string? Requested { get; init; }
}
