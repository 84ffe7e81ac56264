using System.Text.Json;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Buckets;

namespace SpaceFactory.Phases.Monitoring;

/// <summary>
/// The history of monitored Spaces: <c>monitors/&lt;owner&gt;/&lt;space&gt;/history.jsonl</c> under the root of a run
/// record store (the folder holding <c>runs/</c>), one <see cref="MonitorEntry"/> per line. A local folder or a Bucket
/// mounted into a Job is read and appended (<see cref="InFolder"/>); a Bucket seen through its API is read only
/// (<see cref="InBucket"/>), as writing new bytes there needs Xet. Reads are bounded: the last entries are read from
/// the end of the file, never the whole history.
/// </summary>
public abstract class MonitorHistory
{
    /// <summary>The folder under the store's root that holds one folder per monitored Space.</summary>
    public const string FolderName = "monitors";

    /// <summary>The file name of a Space's history.</summary>
    public const string FileName = "history.jsonl";

    /// <summary>The longest line written (and read back): an entry whose line would be longer has its reason cut.</summary>
    public const int MaxLineBytes = 4096;

    /// <summary>The longest <see cref="MonitorEntry.Reason"/> kept.</summary>
    public const int MaxReasonLength = 300;

    /// <summary>The most entries one <see cref="ReadLastAsync"/> returns.</summary>
    public const int MaxReadEntries = 1000;

    /// <summary>A history in a folder: a local record store (e.g. <c>./.spacefactory</c>) or a Bucket mounted into a Job.</summary>
    /// <param name="root">The store's root (the folder holding <c>runs/</c>).</param>
    /// <returns>A history that reads and appends.</returns>
    public static MonitorHistory InFolder(string root) => new DirectoryMonitorHistory(root);

    /// <summary>A history read from a Bucket through its API (where <c>HfJobExecutor</c> reads the run records).</summary>
    /// <param name="buckets">The Bucket client.</param>
    /// <param name="root">The store's root in the Bucket (the location holding <c>runs/</c>).</param>
    /// <returns>A read-only history.</returns>
    public static MonitorHistory InBucket(BucketClient buckets, BucketUri root) => new BucketMonitorHistory(buckets, root);

    /// <summary>The path of a Space's history relative to the store's root: <c>monitors/&lt;owner&gt;/&lt;space&gt;/history.jsonl</c>.</summary>
    /// <param name="space">The Space, with its namespace.</param>
    /// <returns>A relative path with <c>/</c> separators.</returns>
    /// <exception cref="ArgumentException">The Space has no namespace.</exception>
    public static string RelativePath(RepoId space)
    {
        if (space.Namespace is null)
        {
            throw new ArgumentException($"The monitored Space '{space}' needs a namespace, e.g. owner/name.", nameof(space));
        }

        return $"{FolderName}/{space.Namespace}/{space.Name}/{FileName}";
    }

    /// <summary>Whether <see cref="AppendAsync"/> can write here.</summary>
    public abstract bool CanAppend { get; }

    /// <summary>Where a Space's history is, for people (a file path, a Bucket URI).</summary>
    /// <param name="space">The Space.</param>
    /// <returns>A location.</returns>
    public abstract string Describe(RepoId space);

    /// <summary>Appends one entry to its Space's history (one line, written whole).</summary>
    /// <param name="entry">The entry; its reason is cut to <see cref="MaxReasonLength"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the line is written.</returns>
    /// <exception cref="ArgumentException">The entry's Space is not <c>owner/name</c>.</exception>
    /// <exception cref="NotSupportedException">This history is read only (<see cref="CanAppend"/> is false).</exception>
    public async Task AppendAsync(MonitorEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var space = ParseSpace(entry.Space);
        if (!CanAppend)
        {
            throw new NotSupportedException($"The monitor history at {Describe(space)} is read only.");
        }

        await AppendLineAsync(RelativePath(space), Serialize(entry), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the last entries of a Space's history, oldest first; lines that are torn or not entries are skipped.</summary>
    /// <param name="space">The Space.</param>
    /// <param name="count">How many entries at most (1 to <see cref="MaxReadEntries"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries; empty when the Space has no history.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    public async Task<IReadOnlyList<MonitorEntry>> ReadLastAsync(RepoId space, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxReadEntries);
        var tail = await ReadTailAsync(RelativePath(space), (long)count * MaxLineBytes, cancellationToken).ConfigureAwait(false);
        return tail is null ? [] : MonitorHistoryLines.Parse(tail.Value.Bytes, tail.Value.FromStart, count);
    }

    /// <summary>Lists the Spaces that have a history, sorted by name.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The Spaces.</returns>
    public abstract Task<IReadOnlyList<RepoId>> ListSpacesAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends one complete line (ending with a line feed) to the file at <paramref name="relativePath"/>.</summary>
    /// <param name="relativePath">The path under the store's root.</param>
    /// <param name="line">The bytes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    private protected abstract Task AppendLineAsync(string relativePath, ReadOnlyMemory<byte> line, CancellationToken cancellationToken);

    /// <summary>Reads at most the last <paramref name="maxBytes"/> of a file; null when it does not exist.</summary>
    /// <param name="relativePath">The path under the store's root.</param>
    /// <param name="maxBytes">The bound.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes and whether they start at the file's start.</returns>
    private protected abstract Task<(byte[] Bytes, bool FromStart)?> ReadTailAsync(string relativePath, long maxBytes, CancellationToken cancellationToken);

    /// <summary>The Space of a listed history path (<c>monitors/owner/name/history.jsonl</c>), or null for anything else.</summary>
    private protected static RepoId? SpaceOfPath(string relativePath)
    {
        var parts = relativePath.Split('/');
        return parts is [FolderName, var owner, var name, FileName] && RepoId.TryParse(owner + "/" + name, out var space, out _) && space.Namespace is not null
            ? space
            : null;
    }

    private static RepoId ParseSpace(string text) =>
        RepoId.TryParse(text, out var space, out var error) && space.Namespace is not null
            ? space
            : throw new ArgumentException($"The monitored Space '{text}' is not owner/name: {error ?? "it has no namespace"}.", nameof(text));

    private static byte[] Serialize(MonitorEntry entry)
    {
        if (entry.Reason is { Length: > MaxReasonLength } reason)
        {
            entry = entry with { Reason = reason[..(MaxReasonLength - 1)] + "…" };
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(entry, MonitorJsonContext.Default.MonitorEntry);
        if (json.Length + 1 > MaxLineBytes)
        {
            json = JsonSerializer.SerializeToUtf8Bytes(entry with { Reason = null }, MonitorJsonContext.Default.MonitorEntry);
        }

        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }
}
