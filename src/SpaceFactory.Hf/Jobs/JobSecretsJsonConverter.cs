using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// Writes the run request's <c>secrets</c> object (<c>{"NAME": "value"}</c>). Attached to that one property only, so
/// a <see cref="JobSecret"/> cannot be serialised with its value anywhere else.
/// </summary>
internal sealed class JobSecretsJsonConverter : JsonConverter<IReadOnlyDictionary<string, JobSecret>>
{
    public override IReadOnlyDictionary<string, JobSecret> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Secret values are write-only; the Hub returns secret names only.");

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, JobSecret> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, secret) in value)
        {
            writer.WriteString(name, secret.Reveal());
        }

        writer.WriteEndObject();
    }
}
