using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Gradio;

/// <summary>One output of an endpoint, as <c>/info</c> describes it.</summary>
public sealed record GradioReturnSchema
{
    /// <summary>The component's label.</summary>
    [JsonPropertyName("label")]
    public string? Label { get; init; }

    /// <summary>The component, e.g. <c>Label</c>.</summary>
    [JsonPropertyName("component")]
    public string? Component { get; init; }

    /// <summary>The Python type.</summary>
    [JsonPropertyName("python_type")]
    public string? PythonType { get; init; }

    /// <summary>The JSON schema of the value.</summary>
    [JsonPropertyName("json_schema")]
    public JsonElement? JsonSchema { get; init; }

    /// <summary>Whether it is a file (<c>FileData</c>).</summary>
    [JsonPropertyName("is_file")]
    public bool IsFile { get; init; }
}
