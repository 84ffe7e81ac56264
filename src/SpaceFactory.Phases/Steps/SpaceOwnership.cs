using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Which Space at the target belongs to this run, and whether it is still private. A run adopts only the Space whose
/// Hub id it recorded when it created it; after a lost answer to its create (no id) only a Space that is private,
/// holds nothing but what the Hub puts into a new Space, and was created after the run found the name free.
/// </summary>
internal static class SpaceOwnership
{
    /// <summary>How far the Hub's clock may be behind this run's when comparing its <c>createdAt</c> with the check.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    // What the Hub's creation commit of a Space holds.
    private static readonly HashSet<string> FreshSpaceFiles = new(StringComparer.Ordinal) { ".gitattributes", "README.md" };

    /// <summary>The Space's info, or null when there is none at <paramref name="space"/>.</summary>
    public static async Task<SpaceInfo?> FindAsync(HubClient hub, RepoId space, CancellationToken cancellationToken)
    {
        try
        {
            return await hub.GetSpaceInfoAsync(space, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HfNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why the Space <paramref name="info"/> found at the target is not this run's; null when it is. The record is the
    /// one from before the current send (<see cref="TargetSpaceRecord.CreateSentAt"/> set means an earlier send's
    /// answer was lost).
    /// </summary>
    public static string? WhyNotOurs(TargetSpaceRecord record, SpaceInfo info)
    {
        if (record.HubId is { } id)
        {
            return string.Equals(info.InternalId, id, StringComparison.Ordinal)
                ? null
                : $"it is not the Space this run created (Hub id {info.InternalId ?? "unknown"}, this run created {id}): someone replaced it";
        }

        if (record.CreateSentAt is null)
        {
            return "it appeared after this run found the name free, before this run sent its create: another run or person created it";
        }

        if (info.Private != true)
        {
            return "it is public, and this run creates only private Spaces: another run or person created it";
        }

        if (info.Siblings is not { } files)
        {
            return "the Hub did not list its files, so it cannot be told apart from someone else's";
        }

        var extra = files.Select(f => f.Path).Where(p => !FreshSpaceFiles.Contains(p)).Order(StringComparer.Ordinal).ToArray();
        if (extra.Length > 0)
        {
            return $"it holds files this run did not write ({string.Join(", ", extra.Take(5))})";
        }

        if (info.CreatedAt is not { } created)
        {
            return "the Hub did not say when it was created, so it cannot be told apart from someone else's";
        }

        if (record.CheckedAbsentAt is { } checkedAt && created < checkedAt - ClockSkew)
        {
            return $"it was created at {created:O}, before this run found the name free at {checkedAt:O}";
        }

        return null;
    }

    /// <summary>
    /// Reads the Space before <paramref name="action"/> and refuses (a typed failure) unless it is this run's and private:
    /// nothing is uploaded to, stored in or paid for a Space that is public or not the one the run created.
    /// </summary>
    public static async Task<SpaceInfo> RequirePrivateAsync(HubClient hub, TargetSpaceRecord record, string action, CancellationToken cancellationToken) =>
        RequirePrivate(record, await FindAsync(hub, record.RepoId, cancellationToken).ConfigureAwait(false), action);

    /// <summary>As <see cref="RequirePrivateAsync"/>, on info already read (null: the Space is gone).</summary>
    public static SpaceInfo RequirePrivate(TargetSpaceRecord record, SpaceInfo? info, string action)
    {
        if (info is null)
        {
            throw new PhaseStepException(OutcomeCode.Blocked, $"the Space {record.RepoId} no longer exists; nothing was {action}; start a new run");
        }

        if (record.HubId is { } id && info.InternalId is { } found && !string.Equals(found, id, StringComparison.Ordinal))
        {
            throw new PhaseStepException(OutcomeCode.TargetExists, $"the Space {record.RepoId} is not the one this run created (someone replaced it); nothing was {action}");
        }

        if (info.Private != true)
        {
            throw new PhaseStepException(OutcomeCode.Blocked,
                $"the Space {record.RepoId} is not private (its visibility was changed); SpaceFactory sends nothing to a public Space, so nothing was {action}: make it private in its settings, then resume the run");
        }

        return info;
    }

    /// <summary>The record with the identity learned from <paramref name="info"/> filled in where it was missing.</summary>
    public static TargetSpaceRecord WithIdentity(TargetSpaceRecord record, SpaceInfo info) =>
        record with { HubId = record.HubId ?? info.InternalId, CreationCommit = record.CreationCommit ?? info.Sha };
}
