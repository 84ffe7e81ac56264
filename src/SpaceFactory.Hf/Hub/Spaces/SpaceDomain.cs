using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>A domain serving a Space's app (<c>runtime.domains[]</c>).</summary>
public sealed class SpaceDomain
{
    /// <summary>Host name without scheme, e.g. <c>owner-name.hf.space</c>.</summary>
    [JsonPropertyName("domain")]
    public string Domain { get; init; } = string.Empty;

    /// <summary>Domain stage: <c>READY</c>, <c>PENDING</c>… (an open set).</summary>
    [JsonPropertyName("stage")]
    public string? Stage { get; init; }

    /// <summary>Whether it is a custom domain.</summary>
    [JsonPropertyName("isCustom")]
    public bool? IsCustom { get; init; }
}
