using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>The target of a scoped permission.</summary>
public sealed class HubPermissionEntity
{
    /// <summary>The entity's internal id.</summary>
    [JsonPropertyName("_id")]
    public string? Id { get; init; }

    /// <summary>Kind: <c>user</c>, <c>org</c>, <c>model</c>, <c>dataset</c>, <c>space</c>… (an open set).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>User or organisation name, or repository id.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}
