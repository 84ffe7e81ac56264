namespace SpaceFactory.Sandbox.Persistence;

/// <summary>
/// What a persistent Sandbox writes to <c>{DataRoot}/state.json</c>: everything but file contents (blobs and Bucket
/// files stay files in the data folder) and secret values (only their names are kept).
/// </summary>
internal sealed record SandboxState(
    int Version,
    IReadOnlyList<RepoState> Repos,
    IReadOnlyList<SpaceState> Spaces,
    IReadOnlyList<BucketState> Buckets,
    IReadOnlyList<JobState> Jobs,
    IReadOnlyList<ScheduledJobState> ScheduledJobs)
{
    /// <summary>The layout this code writes and reads.</summary>
    public const int CurrentVersion = 1;
}
