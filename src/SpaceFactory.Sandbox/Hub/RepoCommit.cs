namespace SpaceFactory.Sandbox.Hub;

/// <summary>One commit: its id, parent, message, time and the full tree it leaves.</summary>
internal sealed record RepoCommit(
    string Oid,
    string? ParentOid,
    string Summary,
    string Description,
    DateTimeOffset Date,
    IReadOnlyDictionary<string, RepoFile> Tree);
