using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>A Space as <c>GET /api/spaces/{id}</c> describes it. Fields the Hub left out are <see langword="null"/>.</summary>
public sealed class SpaceInfo
{
    /// <summary>The Space id, <c>owner/name</c>.</summary>
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

    /// <summary>Whether the Space is private.</summary>
    [JsonPropertyName("private")]
    public bool? Private { get; init; }

    /// <summary>
    /// Whether the answer comes from the SpaceFactory Sandbox, which marks its Spaces with
    /// <c>"spacefactory_sandbox": true</c> (the Hub never sends it): only then does a Space receive Sandbox-only data.
    /// </summary>
    [JsonPropertyName("spacefactory_sandbox")]
    public bool? IsSandbox { get; init; }

    /// <summary>Whether and how access is gated.</summary>
    [JsonPropertyName("gated")]
    public GatedStatus? Gated { get; init; }

    /// <summary>Whether the Space was disabled by the Hub.</summary>
    [JsonPropertyName("disabled")]
    public bool? Disabled { get; init; }

    /// <summary>
    /// The app's origin, e.g. <c>https://owner-name.hf.space</c>. Read it from here rather than computing it: the
    /// subdomain rule is not documented for every name.
    /// </summary>
    [JsonPropertyName("host")]
    public Uri? Host { get; init; }

    /// <summary>The app's subdomain, e.g. <c>owner-name</c>.</summary>
    [JsonPropertyName("subdomain")]
    public string? Subdomain { get; init; }

    /// <summary>The SDK: <c>gradio</c>, <c>docker</c>, <c>static</c>… (an open set).</summary>
    [JsonPropertyName("sdk")]
    public string? Sdk { get; init; }

    /// <summary>The Space's runtime (stage, hardware, domains).</summary>
    [JsonPropertyName("runtime")]
    public SpaceRuntime? Runtime { get; init; }

    /// <summary>Number of likes.</summary>
    [JsonPropertyName("likes")]
    public int? Likes { get; init; }

    /// <summary>Tags.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The README's front matter as the Hub parsed it (raw JSON object).</summary>
    [JsonPropertyName("cardData")]
    public JsonElement? CardData { get; init; }

    /// <summary>The files of the Space.</summary>
    [JsonPropertyName("siblings")]
    public IReadOnlyList<RepoSibling>? Siblings { get; init; }

    /// <summary>Models the Space uses.</summary>
    [JsonPropertyName("models")]
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Datasets the Space uses.</summary>
    [JsonPropertyName("datasets")]
    public IReadOnlyList<string>? Datasets { get; init; }

    /// <summary>When the Space was created.</summary>
    [JsonPropertyName("createdAt")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the Space was last changed.</summary>
    [JsonPropertyName("lastModified")]
    public DateTimeOffset? LastModified { get; init; }
}
