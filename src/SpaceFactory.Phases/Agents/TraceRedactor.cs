using System.Buffers;
using System.Text;
using System.Text.Json;
using SpaceFactory.Core.Redaction;

namespace SpaceFactory.Phases.Agents;

/// <summary>
/// Makes the shareable copy of a pi session trace: every JSON string loses the run's secret values and anything
/// token-shaped, the scratch folder becomes <c>&lt;agent&gt;</c>, and opaque <c>*Signature</c> fields are dropped.
/// </summary>
internal sealed class TraceRedactor
{
    // A trace is read as text, not embedded in HTML: keep '<', '>', '+' and non-ASCII readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SecretRedactor _secrets = new();
    private readonly string? _scratchRoot;

    /// <summary>Creates a redactor.</summary>
    /// <param name="secrets">Literal secret values (the agent's key, the run's token).</param>
    /// <param name="scratchRoot">The agent's scratch folder, replaced by <c>&lt;agent&gt;</c>.</param>
    public TraceRedactor(IEnumerable<string> secrets, string? scratchRoot = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets)
        {
            _secrets.Register(secret);
        }

        _scratchRoot = scratchRoot;
    }

    /// <summary>Redacts one line of JSONL; a line that is not JSON is redacted as text.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The redacted line.</returns>
    public string RedactLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            using var document = JsonDocument.Parse(line);
            var buffer = new ArrayBufferWriter<byte>(line.Length + 64);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                Write(document.RootElement, writer);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (JsonException)
        {
            return RedactText(line);
        }
    }

    /// <summary>Redacts free text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text without secrets, token shapes or the scratch path.</returns>
    public string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_scratchRoot is not null)
        {
            text = text.Replace(_scratchRoot, "<agent>", StringComparison.Ordinal);
        }

        return _secrets.Redact(text);
    }

    private void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.EndsWith("Signature", StringComparison.Ordinal))
                    {
                        continue; // opaque encrypted reasoning: nothing a reader can use
                    }

                    writer.WritePropertyName(RedactText(property.Name));
                    Write(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(RedactText(element.GetString()!));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
