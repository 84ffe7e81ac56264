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

    public static void SliderParameter(Utf8JsonWriter w, string name, int minimum, int maximum, double defaultValue)
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

    /// <summary>A file-valued input (<c>Image</c>, <c>Audio</c>, <c>File</c>): Gradio's <c>FileData</c> schema.</summary>
    public static void FileParameter(Utf8JsonWriter w, string name, string component)
    {
        w.WriteStartObject();
        w.WriteString("label", name);
        w.WriteString("parameter_name", name);
        w.WriteBoolean("parameter_has_default", false);
        w.WriteNull("parameter_default");
        WriteFileDataType(w);
        WritePythonType(w, "filepath");
        w.WriteString("component", component);
        w.WriteEndObject();
    }

    /// <summary>A file-valued output (<c>Image</c>, <c>Audio</c>): Gradio's <c>FileData</c> schema.</summary>
    public static void FileReturn(Utf8JsonWriter w, string label, string component)
    {
        w.WriteStartObject();
        w.WriteString("label", label);
        WriteFileDataType(w);
        WritePythonType(w, "filepath");
        w.WriteString("component", component);
        w.WriteEndObject();
    }

    public static void NumberParameter(Utf8JsonWriter w, string name, double defaultValue)
    {
        w.WriteStartObject();
        w.WriteString("label", name);
        w.WriteString("parameter_name", name);
        w.WriteBoolean("parameter_has_default", true);
        w.WriteNumber("parameter_default", defaultValue);
        WriteType(w, "number", description: null);
        WritePythonType(w, "float");
        w.WriteString("component", "Number");
        w.WriteNumber("example_input", defaultValue);
        w.WriteEndObject();
    }

    /// <summary>A <c>Chatbot</c> input: a list of <c>{"role", "content"}</c> messages.</summary>
    public static void ChatbotParameter(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject();
        w.WriteString("label", name);
        w.WriteString("parameter_name", name);
        w.WriteBoolean("parameter_has_default", true);
        w.WriteStartArray("parameter_default");
        w.WriteEndArray();
        WriteMessagesType(w);
        WritePythonType(w, "list[dict(role: str, content: str)]");
        w.WriteString("component", "Chatbot");
        w.WriteEndObject();
    }

    /// <summary>A <c>Chatbot</c> output.</summary>
    public static void ChatbotReturn(Utf8JsonWriter w, string label)
    {
        w.WriteStartObject();
        w.WriteString("label", label);
        WriteMessagesType(w);
        WritePythonType(w, "list[dict(role: str, content: str)]");
        w.WriteString("component", "Chatbot");
        w.WriteEndObject();
    }

    private static void WriteMessagesType(Utf8JsonWriter w)
    {
        w.WriteStartObject("type");
        w.WriteString("type", "array");
        w.WriteStartObject("items");
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        w.WriteStartObject("role");
        w.WriteString("type", "string");
        w.WriteEndObject();
        w.WriteStartObject("content");
        w.WriteString("title", "Content");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteFileDataType(Utf8JsonWriter w)
    {
        w.WriteStartObject("type");
        w.WriteString("title", "FileData");
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        foreach (var (property, title) in (ReadOnlySpan<(string, string)>)[("path", "Path"), ("url", "Url"), ("size", "Size"), ("orig_name", "Orig Name"), ("mime_type", "Mime Type")])
        {
            w.WriteStartObject(property);
            w.WriteString("title", title);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartArray("required");
        w.WriteStringValue("path");
        w.WriteEndArray();
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
