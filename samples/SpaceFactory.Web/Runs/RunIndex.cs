using System.Collections.Concurrent;

namespace SpaceFactory.Web.Runs;

/// <summary>
/// The runs launched through this app (or found in their owner's Bucket), per user: a run is found only by its owner,
/// and one user's run never replaces another's, even under the same id.
/// </summary>
internal sealed class RunIndex
{
    private readonly ConcurrentDictionary<(string Owner, string Run), RunEntry> _runs = new();

    public void Add(RunEntry entry) => _runs[(entry.OwnerId, entry.RunId.Value)] = entry;

    /// <summary>The run when <paramref name="ownerId"/> owns it; otherwise null, the same as an unknown id.</summary>
    public RunEntry? Find(string runId, string ownerId) => _runs.TryGetValue((ownerId, runId), out var entry) ? entry : null;

    /// <summary>The owner's runs, newest first.</summary>
    public IReadOnlyList<RunEntry> ListFor(string ownerId) =>
        [.. _runs.Values.Where(e => string.Equals(e.OwnerId, ownerId, StringComparison.Ordinal)).OrderByDescending(e => e.CreatedAt)];
}
