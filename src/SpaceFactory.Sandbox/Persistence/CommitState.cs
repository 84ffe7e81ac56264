namespace SpaceFactory.Sandbox.Persistence;

/// <summary>One commit of <c>main</c>, oldest first in <see cref="RepoState.Commits"/>.</summary>
internal sealed record CommitState(string Oid, string? ParentOid, string Summary, string Description, DateTimeOffset Date, IReadOnlyList<FileState> Tree);
