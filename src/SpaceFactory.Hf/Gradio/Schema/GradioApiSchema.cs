using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Gradio;

/// <summary>
/// An app's API, read from <c>/config</c> and <c>{prefix}/info</c>: what a run records as <c>api_schema.json</c>
/// (the format proposed in the Gradio protocol notes, with <c>simulated</c> added).
/// </summary>
public sealed record GradioApiSchema
{
    /// <summary>The version of this format.</summary>
    [JsonPropertyName("schema_version")]
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Where it was read.</summary>
    [JsonPropertyName("source")]
    public required GradioApiSource Source { get; init; }

    /// <summary>The Gradio version.</summary>
    [JsonPropertyName("gradio_version")]
    public string? GradioVersion { get; init; }

    /// <summary>The queue protocol.</summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    /// <summary>When it was read.</summary>
    [JsonPropertyName("fetched_at")]
    public DateTimeOffset FetchedAt { get; init; }

    /// <summary>Whether the app is a simulation (no real model behind it).</summary>
    [JsonPropertyName("simulated")]
    public bool Simulated { get; init; }

    /// <summary>The named endpoints.</summary>
    [JsonPropertyName("endpoints")]
    public IReadOnlyList<GradioEndpointSchema> Endpoints { get; init; } = [];

    /// <summary>The endpoint named <paramref name="apiName"/> (with or without its slash), or <see langword="null"/>.</summary>
    /// <param name="apiName">The API name.</param>
    /// <returns>The endpoint.</returns>
    public GradioEndpointSchema? Find(string apiName)
    {
        var name = apiName.AsSpan().TrimStart('/');
        for (var i = 0; i < Endpoints.Count; i++)
        {
            if (Endpoints[i].ApiName.AsSpan() is ['/', .. var rest] && rest.SequenceEqual(name))
            {
                return Endpoints[i];
            }
        }

        return null;
    }

    /// <summary>The schema as indented JSON (<c>api_schema.json</c>).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, GradioJsonContext.Indented.GradioApiSchema);
}
