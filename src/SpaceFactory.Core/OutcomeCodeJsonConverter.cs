using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Core;

/// <summary>Reads and writes <see cref="OutcomeCode"/> as its string.</summary>
public sealed class OutcomeCodeJsonConverter : JsonConverter<OutcomeCode>
{
    /// <inheritdoc />
    public override OutcomeCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("An outcome code must be a string."));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, OutcomeCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
