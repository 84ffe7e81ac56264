using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Core.Records;

/// <summary><c>context.json</c>: the state bag's values, so that a resumed run sees what finished steps produced.</summary>
internal sealed record PhaseStateDocument
{
    [JsonPropertyName("schema_version")]
    public int SchemaVersion { get; init; } = 1;

    [JsonPropertyName("values")]
    public Dictionary<string, JsonElement> Values { get; init; } = new(StringComparer.Ordinal);
}
