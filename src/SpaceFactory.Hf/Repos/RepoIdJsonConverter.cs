using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf;

/// <summary>Reads and writes <see cref="RepoId"/> as its <c>namespace/name</c> string, validating on read.</summary>
public sealed class RepoIdJsonConverter : JsonConverter<RepoId>
{
    /// <inheritdoc />
    public override RepoId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return RepoId.TryParse(text, out var id, out var error) ? id : throw new JsonException(error);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, RepoId value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
