using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Gradio;

/// <summary>One parameter of an endpoint, as <c>/info</c> describes it.</summary>
public sealed record GradioParameterSchema
{
    /// <summary>The Python parameter name (<c>parameter_name</c>), else the label.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The component's label.</summary>
    [JsonPropertyName("label")]
    public string? Label { get; init; }

    /// <summary>The component, e.g. <c>Textbox</c>.</summary>
    [JsonPropertyName("component")]
    public string? Component { get; init; }

    /// <summary>The Python type, e.g. <c>str</c>.</summary>
    [JsonPropertyName("python_type")]
    public string? PythonType { get; init; }

    /// <summary>The JSON schema of the value.</summary>
    [JsonPropertyName("json_schema")]
    public JsonElement? JsonSchema { get; init; }

    /// <summary>Whether the caller must give it.</summary>
    [JsonPropertyName("required")]
    public bool Required { get; init; }

    /// <summary>The default value, when it has one.</summary>
    [JsonPropertyName("default")]
    public JsonElement? Default { get; init; }

    /// <summary>An example value.</summary>
    [JsonPropertyName("example")]
    public JsonElement? Example { get; init; }

    /// <summary>Whether it takes a file (<c>FileData</c>).</summary>
    [JsonPropertyName("is_file")]
    public bool IsFile { get; init; }
}
