using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Serialization;

/// <summary>Reads and writes an <see cref="IWireString{TSelf}"/> as a plain JSON string, accepting any spelling.</summary>
/// <typeparam name="T">The open-set type.</typeparam>
internal sealed class WireStringJsonConverter<T> : JsonConverter<T>
    where T : struct, IWireString<T>
{
    public override bool HandleNull => true;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => default,
            JsonTokenType.String => T.FromWire(reader.GetString()!),
            _ => throw new JsonException($"Expected a string for {typeof(T).Name}, found {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (value.WireValue is { } wire)
        {
            writer.WriteStringValue(wire);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
