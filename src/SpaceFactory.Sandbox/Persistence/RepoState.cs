using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Persistence;

/// <summary>A repo created through the API (seeded repos are seeded again at start).</summary>
internal sealed record RepoState(
    string Kind,
    string Namespace,
    string Name,
    string ObjectId,
    DateTimeOffset CreatedAt,
    bool Private,
    string? Gated,
    string? Sdk,
    JsonObject? SeedInfo,
    IReadOnlyList<string> GatedAccess,
    IReadOnlyList<CommitState> Commits);
