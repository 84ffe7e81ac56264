using System.Text.Json;

namespace SpaceFactory.Phases.Generation;

/// <summary>
/// Writes endpoint parameters and returns in the exact shape of Gradio's <c>/info</c> (as recorded from Gradio 6.25),
/// for the manifest a generated Space carries.
/// </summary>
internal static class GradioInfoWriter
{
    public static void TextboxParameter(Utf8JsonWriter w, string name, string example)
    {
        w.WriteStartObject();
        w.WriteString("label", name);
        w.WriteString("parameter_name", name);
        w.WriteBoolean("parameter_has_default", false);
        w.WriteNull("parameter_default");
        WriteType(w, "string", description: null);
        WritePythonType(w, "str");
        w.WriteString("component", "Textbox");
        w.WriteString("example_input", example);
        w.WriteEndObject();
    }

    public static void SliderParameter(Utf8JsonWriter w, string name, int minimum, int maximum, int defaultValue)
    {
        w.WriteStartObject();
        w.WriteString("label", name);
        w.WriteString("parameter_name", name);
        w.WriteBoolean("parameter_has_default", true);
        w.WriteNumber("parameter_default", defaultValue);
        WriteType(w, "number", $"numeric value between {minimum} and {maximum}");
        WritePythonType(w, "float");
        w.WriteString("component", "Slider");
        w.WriteNumber("example_input", minimum);
        w.WriteEndObject();
    }

    public static void TextboxReturn(Utf8JsonWriter w, string label)
    {
        w.WriteStartObject();
        w.WriteString("label", label);
        WriteType(w, "string", description: null);
        WritePythonType(w, "str");
        w.WriteString("component", "Textbox");
        w.WriteEndObject();
    }

    public static void LabelReturn(Utf8JsonWriter w, string label)
    {
        w.WriteStartObject();
        w.WriteString("label", label);
        w.WriteStartObject("type");
        w.WriteString("title", "LabelData");
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        w.WriteStartObject("label");
        w.WriteString("title", "Label");
        w.WriteEndObject();
        w.WriteStartObject("confidences");
        w.WriteString("title", "Confidences");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        WritePythonType(w, "dict(label: str | int | float | None, confidences: list[dict(label: str | int | float | None, confidence: float | None)] | None)");
        w.WriteString("component", "Label");
        w.WriteEndObject();
    }

    public static void JsonReturn(Utf8JsonWriter w, string label)
    {
        w.WriteStartObject();
        w.WriteString("label", label);
        w.WriteStartObject("type");
        w.WriteStartObject("type");
        w.WriteEndObject();
        w.WriteString("description", "any valid json");
        w.WriteEndObject();
        WritePythonType(w, "Dict[Any, Any]", "any valid json");
        w.WriteString("component", "Json");
        w.WriteEndObject();
    }

    /// <summary>The <c>/health</c> endpoint registered with <c>gr.api</c>.</summary>
    public static void HealthEndpoint(Utf8JsonWriter w)
    {
        w.WriteStartObject("/health");
        w.WriteStartArray("parameters");
        w.WriteEndArray();
        w.WriteStartArray("returns");
        w.WriteStartObject();
        w.WriteString("label", "1st");
        w.WriteStartObject("type");
        w.WriteString("type", "object");
        w.WriteStartObject("additionalProperties");
        w.WriteEndObject();
        w.WriteEndObject();
        WritePythonType(w, "dict(str, Any)");
        w.WriteString("component", "Api");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("api_visibility", "public");
        w.WriteString("description", string.Empty);
        w.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter w, string type, string? description)
    {
        w.WriteStartObject("type");
        w.WriteString("type", type);
        if (description is not null)
        {
            w.WriteString("description", description);
        }

        w.WriteEndObject();
    }

    private static void WritePythonType(Utf8JsonWriter w, string type, string description = "")
    {
        w.WriteStartObject("python_type");
        w.WriteString("type", type);
        w.WriteString("description", description);
        w.WriteEndObject();
    }
}
