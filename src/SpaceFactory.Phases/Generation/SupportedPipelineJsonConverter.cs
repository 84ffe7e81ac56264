using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Phases.Generation;

/// <summary>Writes a <see cref="SupportedPipeline"/> as its Hub tag (e.g. <c>text-generation</c>).</summary>
public sealed class SupportedPipelineJsonConverter : JsonConverter<SupportedPipeline>
{
    /// <inheritdoc />
    public override SupportedPipeline Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SupportedPipelines.TryFromTag(reader.GetString(), out var pipeline) ? pipeline : throw new JsonException($"'{reader.GetString()}' is not a supported pipeline.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SupportedPipeline value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToTag());
}
