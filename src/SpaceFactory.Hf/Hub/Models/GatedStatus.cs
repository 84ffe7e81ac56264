using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>
/// Whether and how access to a repository is gated. The Hub sends <c>false</c> or a mode string
/// (<c>"auto"</c>, <c>"manual"</c>); unknown modes are kept as they are.
/// </summary>
[JsonConverter(typeof(GatedStatusJsonConverter))]
public readonly record struct GatedStatus
{
    private GatedStatus(string? mode) => Mode = mode;

    /// <summary>Not gated (<c>false</c>).</summary>
    public static GatedStatus NotGated => default;

    /// <summary>Gated, access granted automatically (<c>"auto"</c>).</summary>
    public static GatedStatus Auto { get; } = new("auto");

    /// <summary>Gated, access granted by the owner (<c>"manual"</c>).</summary>
    public static GatedStatus Manual { get; } = new("manual");

    /// <summary>The gating mode, or <see langword="null"/> when not gated.</summary>
    public string? Mode { get; }

    /// <summary>Whether users must request access.</summary>
    public bool IsGated => Mode is not null;

    /// <summary>The status for a wire value: <see langword="null"/> or empty means not gated.</summary>
    /// <param name="mode">The mode string.</param>
    /// <returns>The status.</returns>
    public static GatedStatus FromMode(string? mode) => string.IsNullOrEmpty(mode) ? NotGated : new GatedStatus(mode);

    /// <inheritdoc />
    public override string ToString() => Mode ?? "false";
}
