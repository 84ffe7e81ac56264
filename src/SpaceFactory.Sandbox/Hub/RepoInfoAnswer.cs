using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// <c>GET /api/{models|datasets|spaces}/{id}[/revision/{rev}]</c>, and each entry of the listings: the fields
/// <c>huggingface_hub</c>'s <c>ModelInfo</c>/<c>DatasetInfo</c>/<c>SpaceInfo</c> and <c>@huggingface/hub</c> read.
/// Every field but <c>_id</c> and <c>id</c> is nullable and left out when null, so that an <c>expand</c> answer (or a
/// short listing entry) is the same record with only the requested fields set.
/// </summary>
internal sealed record RepoInfoAnswer
{
    [JsonPropertyName("_id")] public required string ObjectId { get; init; }

    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>Models only (the Hub's legacy name of <c>id</c>).</summary>
    [JsonPropertyName("modelId")] public string? ModelId { get; init; }

    [JsonPropertyName("author")] public string? Author { get; init; }

    [JsonPropertyName("sha")] public string? Sha { get; init; }

    [JsonPropertyName("lastModified")] public string? LastModified { get; init; }

    [JsonPropertyName("createdAt")] public string? CreatedAt { get; init; }

    [JsonPropertyName("private")] public bool? Private { get; init; }

    /// <summary><c>false</c>, or the gating mode (<c>"auto"</c>, <c>"manual"</c>).</summary>
    [JsonPropertyName("gated")] public JsonValue? Gated { get; init; }

    [JsonPropertyName("disabled")] public bool? Disabled { get; init; }

    /// <summary>Spaces: the app origin.</summary>
    [JsonPropertyName("host")] public string? Host { get; init; }

    [JsonPropertyName("subdomain")] public string? Subdomain { get; init; }

    [JsonPropertyName("likes")] public long? Likes { get; init; }

    /// <summary>Models and datasets.</summary>
    [JsonPropertyName("downloads")] public long? Downloads { get; init; }

    /// <summary>Listings only: the Sandbox has no trend, so 0.</summary>
    [JsonPropertyName("trendingScore")] public int? TrendingScore { get; init; }

    [JsonPropertyName("sdk")] public string? Sdk { get; init; }

    /// <summary>Spaces: the factory uploads the manifest's simulation only to a Hub that says this.</summary>
    [JsonPropertyName("spacefactory_sandbox")] public bool? SpaceFactorySandbox { get; init; }

    [JsonPropertyName("pipeline_tag")] public string? PipelineTag { get; init; }

    [JsonPropertyName("library_name")] public string? LibraryName { get; init; }

    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The README's YAML front matter (free-form, as the Hub gives it).</summary>
    [JsonPropertyName("cardData")] public JsonObject? CardData { get; init; }

    /// <summary>Models: the parts of <c>config.json</c> the Hub summarises (free-form).</summary>
    [JsonPropertyName("config")] public JsonObject? Config { get; init; }

    [JsonPropertyName("spaces")] public IReadOnlyList<string>? Spaces { get; init; }

    [JsonPropertyName("safetensors")] public SafetensorsPart? Safetensors { get; init; }

    [JsonPropertyName("transformersInfo")] public JsonObject? TransformersInfo { get; init; }

    [JsonPropertyName("siblings")] public IReadOnlyList<SiblingPart>? Siblings { get; init; }

    /// <summary>Spaces: the same answer as <c>GET …/runtime</c>.</summary>
    [JsonPropertyName("runtime")] public SpaceRuntimeAnswer? Runtime { get; init; }

    /// <summary>Spaces: the models it uses.</summary>
    [JsonPropertyName("models")] public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Spaces: the datasets it uses.</summary>
    [JsonPropertyName("datasets")] public IReadOnlyList<string>? Datasets { get; init; }

    [JsonPropertyName("usedStorage")] public long? UsedStorage { get; init; }

    [JsonPropertyName("xetEnabled")] public bool? XetEnabled { get; init; }

    /// <summary>Other fields of a seeded repo's <c>info.json</c> (e.g. <c>gguf</c>, <c>widgetData</c>), as given (settable: System.Text.Json binds no init-only extension data).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? SeedFields { get; set; }

    /// <summary>One file of <c>siblings</c>: its name, and with <c>blobs=true</c> its blob id, size and LFS part.</summary>
    internal sealed record SiblingPart(
        [property: JsonPropertyName("rfilename")] string RFileName,
        [property: JsonPropertyName("blobId")] string? BlobId = null,
        [property: JsonPropertyName("size")] long? Size = null,
        [property: JsonPropertyName("lfs")] LfsPart? Lfs = null);

    /// <summary>The LFS part of a sibling (a large seeded file has its size only).</summary>
    internal sealed record LfsPart(
        [property: JsonPropertyName("size")] long Size,
        [property: JsonPropertyName("sha256")] string? Sha256 = null,
        [property: JsonPropertyName("pointerSize")] int? PointerSize = null);

    /// <summary><c>safetensors</c>: parameter counts per dtype and their total.</summary>
    internal sealed record SafetensorsPart(
        [property: JsonPropertyName("parameters")] IReadOnlyDictionary<string, long> Parameters,
        [property: JsonPropertyName("total")] long Total);
}
