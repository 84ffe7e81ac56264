using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>
/// A model as <c>GET /api/models/{id}</c> describes it. The Hub mixes camelCase, snake_case and kebab-case names;
/// fields it left out (e.g. not in <c>expand</c>) are <see langword="null"/>.
/// </summary>
public sealed class ModelInfo
{
    /// <summary>The model id, <c>owner/name</c>.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>The Hub's internal id.</summary>
    [JsonPropertyName("_id")]
    public string? InternalId { get; init; }

    /// <summary>The owner.</summary>
    [JsonPropertyName("author")]
    public string? Author { get; init; }

    /// <summary>The commit the info describes.</summary>
    [JsonPropertyName("sha")]
    public string? Sha { get; init; }

    /// <summary>Whether the model is private.</summary>
    [JsonPropertyName("private")]
    public bool? Private { get; init; }

    /// <summary>Whether and how access is gated (<c>false</c>, <c>"auto"</c>, <c>"manual"</c>).</summary>
    [JsonPropertyName("gated")]
    public GatedStatus? Gated { get; init; }

    /// <summary>Whether the model was disabled by the Hub.</summary>
    [JsonPropertyName("disabled")]
    public bool? Disabled { get; init; }

    /// <summary>The task, e.g. <c>text-generation</c> (<c>pipeline_tag</c>; an open set).</summary>
    [JsonPropertyName("pipeline_tag")]
    public string? PipelineTag { get; init; }

    /// <summary>The library, e.g. <c>transformers</c> (<c>library_name</c>; an open set).</summary>
    [JsonPropertyName("library_name")]
    public string? LibraryName { get; init; }

    /// <summary>The mask token of fill-mask models (<c>mask_token</c>).</summary>
    [JsonPropertyName("mask_token")]
    public string? MaskToken { get; init; }

    /// <summary>Tags.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Downloads in the last 30 days.</summary>
    [JsonPropertyName("downloads")]
    public long? Downloads { get; init; }

    /// <summary>Downloads since creation (only with <c>expand=downloadsAllTime</c>).</summary>
    [JsonPropertyName("downloadsAllTime")]
    public long? DownloadsAllTime { get; init; }

    /// <summary>Number of likes.</summary>
    [JsonPropertyName("likes")]
    public int? Likes { get; init; }

    /// <summary>The README's front matter as the Hub parsed it (raw JSON object).</summary>
    [JsonPropertyName("cardData")]
    public JsonElement? CardData { get; init; }

    /// <summary>Inference widget examples (raw JSON).</summary>
    [JsonPropertyName("widgetData")]
    public JsonElement? WidgetData { get; init; }

    /// <summary>Evaluation results (<c>model-index</c>, raw JSON).</summary>
    [JsonPropertyName("model-index")]
    public JsonElement? ModelIndex { get; init; }

    /// <summary>The subset of the model's configuration the Hub extracted.</summary>
    [JsonPropertyName("config")]
    public ModelConfig? Config { get; init; }

    /// <summary>How Transformers loads the model.</summary>
    [JsonPropertyName("transformersInfo")]
    public TransformersInfo? TransformersInfo { get; init; }

    /// <summary>Parameter counts from the safetensors metadata.</summary>
    [JsonPropertyName("safetensors")]
    public SafetensorsInfo? Safetensors { get; init; }

    /// <summary>The files of the model.</summary>
    [JsonPropertyName("siblings")]
    public IReadOnlyList<RepoSibling>? Siblings { get; init; }

    /// <summary>Spaces using the model.</summary>
    [JsonPropertyName("spaces")]
    public IReadOnlyList<string>? Spaces { get; init; }

    /// <summary><c>warm</c> when an inference provider serves the model (an open set).</summary>
    [JsonPropertyName("inference")]
    public string? Inference { get; init; }

    /// <summary>Storage used by the repository, in bytes.</summary>
    [JsonPropertyName("usedStorage")]
    public long? UsedStorage { get; init; }

    /// <summary>When the model was created.</summary>
    [JsonPropertyName("createdAt")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the model was last changed.</summary>
    [JsonPropertyName("lastModified")]
    public DateTimeOffset? LastModified { get; init; }
}
