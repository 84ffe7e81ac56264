using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>Parameter counts read from a model's safetensors metadata.</summary>
public sealed class SafetensorsInfo
{
    /// <summary>Parameters per data type, e.g. <c>F32</c> → 124439808.</summary>
    [JsonPropertyName("parameters")]
    public IReadOnlyDictionary<string, long>? Parameters { get; init; }

    /// <summary>Total number of parameters.</summary>
    [JsonPropertyName("total")]
    public long? Total { get; init; }
}
