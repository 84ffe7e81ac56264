namespace SpaceFactory.Hf.Hub;

/// <summary>The commit <see cref="HubClient.CreateCommitAsync"/> made.</summary>
/// <param name="CommitOid">The commit sha (40 hex digits).</param>
/// <param name="CommitUrl">The commit's web page.</param>
public sealed record CommitInfo(string CommitOid, Uri CommitUrl);
