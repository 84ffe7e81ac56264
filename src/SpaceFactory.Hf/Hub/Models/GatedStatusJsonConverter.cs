using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>Reads and writes <see cref="GatedStatus"/> as the Hub does: <c>false</c> or a mode string.</summary>
internal sealed class GatedStatusJsonConverter : JsonConverter<GatedStatus>
{
    public override GatedStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.False or JsonTokenType.Null => GatedStatus.NotGated,
        JsonTokenType.True => GatedStatus.FromMode("true"),
        JsonTokenType.String => GatedStatus.FromMode(reader.GetString()),
        _ => throw new JsonException($"Expected false or a string for 'gated', found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, GatedStatus value, JsonSerializerOptions options)
    {
        if (value.Mode is null)
        {
            writer.WriteBooleanValue(false);
        }
        else
        {
            writer.WriteStringValue(value.Mode);
        }
    }
}
