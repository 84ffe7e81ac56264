using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>The accelerator of a Space hardware flavor (<c>accelerator</c> of <c>GET /api/spaces/hardware</c>).</summary>
public sealed record SpaceHardwareAccelerator
{
    /// <summary><c>gpu</c> or <c>neuron</c> (an open set).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The model, e.g. <c>T4</c>.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>How many, as the Hub spells it (a string such as <c>"1"</c>).</summary>
    [JsonPropertyName("quantity")]
    public string? Quantity { get; init; }

    /// <summary>Accelerator memory, e.g. <c>16 GB</c>.</summary>
    [JsonPropertyName("vram")]
    public string? Vram { get; init; }
}
