using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Gradio;

/// <summary>One named endpoint of an app.</summary>
public sealed record GradioEndpointSchema
{
    /// <summary>The API name with its slash, e.g. <c>/generate</c>.</summary>
    [JsonPropertyName("api_name")]
    public required string ApiName { get; init; }

    /// <summary>The function's <c>fn_index</c>, when the config names it.</summary>
    [JsonPropertyName("fn_index")]
    public int? FnIndex { get; init; }

    /// <summary>Whether it yields several updates.</summary>
    [JsonPropertyName("generator")]
    public bool Generator { get; init; }

    /// <summary>Its description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Its parameters, in order.</summary>
    [JsonPropertyName("parameters")]
    public IReadOnlyList<GradioParameterSchema> Parameters { get; init; } = [];

    /// <summary>Its outputs, in order.</summary>
    [JsonPropertyName("returns")]
    public IReadOnlyList<GradioReturnSchema> Returns { get; init; } = [];
}
