using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>What a fine-grained token may do (<c>auth.accessToken.fineGrained</c> of whoami).</summary>
public sealed class HubFineGrainedPermissions
{
    /// <summary>The permission to push to and manage repositories of a scoped entity.</summary>
    public const string RepoWrite = "repo.write";

    /// <summary>The permission to call Inference Providers.</summary>
    public const string InferenceWrite = "inference.serverless.write";

    /// <summary>Whether the token may read gated repositories the user was granted.</summary>
    [JsonPropertyName("canReadGatedRepos")]
    public bool? CanReadGatedRepos { get; init; }

    /// <summary>Permissions not tied to an entity, e.g. <c>discussion.write</c>.</summary>
    [JsonPropertyName("global")]
    public IReadOnlyList<string>? Global { get; init; }

    /// <summary>Permissions granted on given users, organisations or repositories.</summary>
    [JsonPropertyName("scoped")]
    public IReadOnlyList<HubScopedAccess>? Scoped { get; init; }
}
