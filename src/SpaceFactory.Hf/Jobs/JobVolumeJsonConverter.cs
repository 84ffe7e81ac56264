using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// Writes a <see cref="JobVolume"/> exactly as the Hub expects (<c>type</c>, <c>source</c>, <c>mountPath</c>, then
/// <c>revision</c>, <c>readOnly</c>, <c>path</c> when set) and reads it back tolerantly (camelCase or snake_case,
/// missing <c>type</c> meaning a model, as the Python client does).
/// </summary>
internal sealed class JobVolumeJsonConverter : JsonConverter<JobVolume>
{
    public override JobVolume Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a volume object, found {reader.TokenType}.");
        }

        string? type = null, source = null, mountPath = null, path = null, revision = null;
        bool? readOnly = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "type":
                    type = ReadString(ref reader);
                    break;
                case "source":
                    source = ReadString(ref reader);
                    break;
                case "mountPath" or "mount_path":
                    mountPath = ReadString(ref reader) ?? mountPath;
                    break;
                case "readOnly" or "read_only":
                    readOnly = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => readOnly,
                    };
                    break;
                case "path":
                    path = ReadString(ref reader);
                    break;
                case "revision":
                    revision = ReadString(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (source is null || mountPath is null)
        {
            throw new JsonException("A volume needs 'source' and 'mountPath'.");
        }

        var volumeType = type is null ? JobVolumeType.Model : JobVolumeType.FromWire(type);
        return new JobVolume(volumeType, source, mountPath, readOnly, path, revision);
    }

    public override void Write(Utf8JsonWriter writer, JobVolume value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("type", value.Type.Value);
        writer.WriteString("source", value.Source);
        writer.WriteString("mountPath", value.MountPath);
        if (value.Revision is not null)
        {
            writer.WriteString("revision", value.Revision);
        }

        if (value.ReadOnly is { } readOnly)
        {
            writer.WriteBoolean("readOnly", readOnly);
        }

        if (value.Path is not null)
        {
            writer.WriteString("path", value.Path);
        }

        writer.WriteEndObject();
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }
}
