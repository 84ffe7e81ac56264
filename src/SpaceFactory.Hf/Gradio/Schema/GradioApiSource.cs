using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Gradio;

/// <summary>Where an API schema was read.</summary>
/// <param name="SpaceId">The Space, when known.</param>
/// <param name="BaseUrl">The app's root URL.</param>
/// <param name="ApiPrefix">The API prefix.</param>
public sealed record GradioApiSource(
    [property: JsonPropertyName("space_id")] string? SpaceId,
    [property: JsonPropertyName("base_url")] string BaseUrl,
    [property: JsonPropertyName("api_prefix")] string ApiPrefix);
