using SpaceFactory.Hf;
using SpaceFactory.Hf.Buckets;

namespace SpaceFactory.Phases.Monitoring;

/// <summary>
/// A monitor history read from a Bucket through its API: the file's size from <c>paths-info</c>, then one ranged read
/// of its last bytes. Read only: a worker appends to the same file through the Bucket mounted into its Job.
/// </summary>
internal sealed class BucketMonitorHistory(BucketClient buckets, BucketUri root) : MonitorHistory
{
    public override bool CanAppend => false;

    public override string Describe(RepoId space) => root.Combine(RelativePath(space)).ToString();

    public override async Task<IReadOnlyList<RepoId>> ListSpacesAsync(CancellationToken cancellationToken = default)
    {
        var folder = root.Combine(FolderName);
        var prefix = root.IsRoot ? string.Empty : root.Path + "/";
        var spaces = new List<RepoId>();
        try
        {
            await foreach (var entry in buckets.ListFilesAsync(folder, recursive: true, cancellationToken).ConfigureAwait(false))
            {
                if (entry.IsFile && entry.Path.StartsWith(prefix, StringComparison.Ordinal) && SpaceOfPath(entry.Path[prefix.Length..]) is { } space)
                {
                    spaces.Add(space);
                }
            }
        }
        catch (HfNotFoundException)
        {
            return [];
        }

        return [.. spaces.OrderBy(space => space.ToString(), StringComparer.Ordinal)];
    }

    private protected override Task AppendLineAsync(string relativePath, ReadOnlyMemory<byte> line, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The monitor history at {root.Combine(relativePath)} is read only.");

    private protected override async Task<(byte[] Bytes, bool FromStart)?> ReadTailAsync(string relativePath, long maxBytes, CancellationToken cancellationToken)
    {
        var file = root.Combine(relativePath);
        try
        {
            var info = await buckets.GetPathsInfoAsync(file.Bucket, [file.Path], cancellationToken).ConfigureAwait(false);
            if (info.FirstOrDefault(e => e.IsFile && string.Equals(e.Path, file.Path, StringComparison.Ordinal))?.Size is not { } size)
            {
                return null;
            }

            if (size == 0)
            {
                return ([], true);
            }

            var start = Math.Max(0, size - maxBytes);
            var stream = await buckets.OpenReadAsync(file, start, size - start, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[size - start];
                var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                return (buffer[..read], start == 0);
            }
        }
        catch (HfNotFoundException)
        {
            return null;
        }
    }
}
