using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// Reads the <c>secrets</c> of a Job response as names only: the Hub sends an array of names, older answers an object
/// (whose keys are the names; any value is dropped unread).
/// </summary>
internal sealed class SecretNamesJsonConverter : JsonConverter<IReadOnlyList<string>>
{
    public override bool HandleNull => true;

    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var names = new List<string>();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return names;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        names.Add(reader.GetString()!);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return names;
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    names.Add(reader.GetString()!);
                    reader.Read();
                    reader.Skip();
                }

                return names;
            default:
                throw new JsonException($"Expected the secret names as an array, found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var name in value)
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
    }
}
