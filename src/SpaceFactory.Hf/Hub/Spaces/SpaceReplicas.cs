using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>Replica counts of a Space (<c>runtime.replicas</c>).</summary>
public sealed class SpaceReplicas
{
    /// <summary>The requested count as the Hub sent it: a number such as <c>"1"</c>, or <c>"auto"</c>.</summary>
    [JsonPropertyName("requested")]
    [JsonConverter(typeof(NumberOrStringJsonConverter))]
    public string? Requested { get; init; }

    /// <summary>The number of replicas running.</summary>
    [JsonPropertyName("current")]
    public int? Current { get; init; }
}
