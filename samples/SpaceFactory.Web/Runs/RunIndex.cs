using System.Collections.Concurrent;

namespace SpaceFactory.Web.Runs;

/// <summary>The runs launched through this app, per user: a run is found only by its owner.</summary>
internal sealed class RunIndex
{
    private readonly ConcurrentDictionary<string, RunEntry> _runs = new(StringComparer.Ordinal);

    public void Add(RunEntry entry) => _runs[entry.RunId.Value] = entry;

    /// <summary>The run when <paramref name="ownerId"/> owns it; otherwise null, the same as an unknown id.</summary>
    public RunEntry? Find(string runId, string ownerId) =>
        _runs.TryGetValue(runId, out var entry) && string.Equals(entry.OwnerId, ownerId, StringComparison.Ordinal) ? entry : null;

    /// <summary>The owner's runs, newest first.</summary>
    public IReadOnlyList<RunEntry> ListFor(string ownerId) =>
        [.. _runs.Values.Where(e => string.Equals(e.OwnerId, ownerId, StringComparison.Ordinal)).OrderByDescending(e => e.CreatedAt)];
}
