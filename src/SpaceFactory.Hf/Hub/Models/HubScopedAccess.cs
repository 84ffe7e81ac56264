using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>Permissions a fine-grained token holds on one entity.</summary>
public sealed class HubScopedAccess
{
    /// <summary>The user, organisation or repository the permissions apply to.</summary>
    [JsonPropertyName("entity")]
    public HubPermissionEntity? Entity { get; init; }

    /// <summary>Permission names, e.g. <c>repo.content.read</c>, <c>repo.write</c>, <c>job.write</c> (an open set).</summary>
    [JsonPropertyName("permissions")]
    public IReadOnlyList<string>? Permissions { get; init; }
}
