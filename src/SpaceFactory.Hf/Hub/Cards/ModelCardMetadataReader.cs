using System.Buffers;
using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SpaceFactory.Hf.Hub;

/// <summary>
/// Reads model card front matter with YamlDotNet's representation model (parser only: no reflection), converts it to
/// JSON and picks the typed fields. Bad YAML becomes an error message, never an exception.
/// </summary>
internal static class ModelCardMetadataReader
{
    /// <summary>Nodes visited at most: guards against alias expansion ("billion laughs") and absurd cards.</summary>
    private const int MaxNodes = 100_000;

    private const int MaxDepth = 64;

    public static (ModelCardMetadata Metadata, string? Error) Read(string yaml)
    {
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (Exception ex) when (ex is YamlException or ArgumentException or InvalidOperationException)
        {
            return (ModelCardMetadata.Empty, $"The front matter is not valid YAML: {ex.Message}");
        }

        if (root is null || IsNull(root))
        {
            return (ModelCardMetadata.Empty, null);
        }

        if (root is not YamlMappingNode)
        {
            return (ModelCardMetadata.Empty, "The front matter must be a YAML mapping (key: value pairs).");
        }

        JsonElement json;
        try
        {
            json = ToJson(root);
        }
        catch (InvalidDataException ex)
        {
            return (ModelCardMetadata.Empty, ex.Message);
        }

        return (FromJson(json), null);
    }

    private static ModelCardMetadata FromJson(JsonElement root) => new()
    {
        License = String(root, "license"),
        LicenseName = String(root, "license_name"),
        Languages = Strings(root, "language"),
        LibraryName = String(root, "library_name"),
        PipelineTag = String(root, "pipeline_tag"),
        Tags = Strings(root, "tags"),
        BaseModels = Strings(root, "base_model"),
        Datasets = Strings(root, "datasets"),
        Metrics = Strings(root, "metrics"),
        Widget = Widget(root),
        ModelIndex = root.TryGetProperty("model-index", out var index) && index.ValueKind != JsonValueKind.Null ? index : null,
        Raw = root,
    };

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? Scalar(value) : null;

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private static string[] Strings(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            return [.. value.EnumerateArray().Select(Scalar).OfType<string>()];
        }

        return Scalar(value) is { } single ? [single] : [];
    }

    private static ModelCardWidgetExample[] Widget(JsonElement root)
    {
        if (!root.TryGetProperty("widget", out var widget) || widget.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. widget.EnumerateArray().Select(entry => entry.ValueKind == JsonValueKind.Object
            ? new ModelCardWidgetExample { Text = String(entry, "text"), ExampleTitle = String(entry, "example_title"), Source = String(entry, "src"), Raw = entry }
            : new ModelCardWidgetExample { Text = Scalar(entry), Raw = entry })];
    }

    private static JsonElement ToJson(YamlNode root)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var budget = MaxNodes;
            Write(writer, root, 0, ref budget);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node, int depth, ref int budget)
    {
        if (--budget < 0)
        {
            throw new InvalidDataException($"The front matter has more than {MaxNodes} values (or aliases that expand to as many).");
        }

        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"The front matter is nested deeper than {MaxDepth} levels.");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    writer.WritePropertyName(KeyText(key));
                    Write(writer, value, depth + 1, ref budget);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item, depth + 1, ref budget);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static string KeyText(YamlNode key) => key is YamlScalarNode scalar ? scalar.Value ?? "null" : key.ToString();

    /// <summary>Plain scalars follow the YAML 1.2 core schema; quoted and explicitly tagged ones stay strings.</summary>
    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
        {
            writer.WriteStringValue(text);
            return;
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                writer.WriteNullValue();
                return;
            case "true" or "True" or "TRUE":
                writer.WriteBooleanValue(true);
                return;
            case "false" or "False" or "FALSE":
                writer.WriteBooleanValue(false);
                return;
        }

        if (LooksNumeric(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                writer.WriteNumberValue(integer);
                return;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            {
                writer.WriteNumberValue(real);
                return;
            }
        }

        writer.WriteStringValue(text);
    }

    /// <summary>The YAML 1.2 core number shapes: <c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>.</summary>
    private static bool LooksNumeric(string text)
    {
        var span = text.AsSpan();
        if (span.Length > 0 && (span[0] == '-' || span[0] == '+'))
        {
            span = span[1..];
        }

        var digits = 0;
        var i = 0;
        while (i < span.Length && char.IsAsciiDigit(span[i]))
        {
            i++;
            digits++;
        }

        if (i < span.Length && span[i] == '.')
        {
            i++;
            while (i < span.Length && char.IsAsciiDigit(span[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < span.Length && (span[i] == 'e' || span[i] == 'E'))
        {
            i++;
            if (i < span.Length && (span[i] == '-' || span[i] == '+'))
            {
                i++;
            }

            var exponent = 0;
            while (i < span.Length && char.IsAsciiDigit(span[i]))
            {
                i++;
                exponent++;
            }

            if (exponent == 0)
            {
                return false;
            }
        }

        return i == span.Length;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && scalar.Tag.IsEmpty && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
