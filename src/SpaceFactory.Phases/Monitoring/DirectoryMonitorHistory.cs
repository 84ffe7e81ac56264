using SpaceFactory.Hf;

namespace SpaceFactory.Phases.Monitoring;

/// <summary>A monitor history in a folder (a local record store, or a Bucket mounted into a Job): read and appended.</summary>
internal sealed class DirectoryMonitorHistory : MonitorHistory
{
    private readonly string _root;

    public DirectoryMonitorHistory(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
    }

    public override bool CanAppend => true;

    public override string Describe(RepoId space) => FullPath(RelativePath(space));

    public override Task<IReadOnlyList<RepoId>> ListSpacesAsync(CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(_root, FolderName);
        if (!Directory.Exists(folder))
        {
            return Task.FromResult<IReadOnlyList<RepoId>>([]);
        }

        IReadOnlyList<RepoId> spaces = [.. Directory.EnumerateFiles(folder, FileName, new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2 })
            .Select(file => SpaceOfPath(Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/')))
            .OfType<RepoId>()
            .OrderBy(space => space.ToString(), StringComparer.Ordinal)];
        return Task.FromResult(spaces);
    }

    private protected override async Task AppendLineAsync(string relativePath, ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        var path = FullPath(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // One write in append mode: concurrent writers (two scheduled checks) never interleave inside a line.
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private protected override async Task<(byte[] Bytes, bool FromStart)?> ReadTailAsync(string relativePath, long maxBytes, CancellationToken cancellationToken)
    {
        var path = FullPath(relativePath);
        if (!File.Exists(path))
        {
            return null;
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var start = Math.Max(0, stream.Length - maxBytes);
            stream.Position = start;
            var buffer = new byte[stream.Length - start];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return (buffer[..read], start == 0);
        }
    }

    private string FullPath(string relativePath) => Path.Combine(_root, relativePath.Replace('/', Path.DirectorySeparatorChar));
}
