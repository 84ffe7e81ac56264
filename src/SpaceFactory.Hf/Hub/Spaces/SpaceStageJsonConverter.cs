using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>Reads and writes <see cref="SpaceStage"/> as its wire string; any string is accepted.</summary>
internal sealed class SpaceStageJsonConverter : JsonConverter<SpaceStage>
{
    public override SpaceStage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? new SpaceStage(reader.GetString()!)
            : reader.TokenType == JsonTokenType.Null
                ? default
                : throw new JsonException($"Expected a string for a Space stage, found {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, SpaceStage value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
