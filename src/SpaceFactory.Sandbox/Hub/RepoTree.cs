using System.Text;
using SpaceFactory.Sandbox.Infrastructure;
using static SpaceFactory.Sandbox.Hub.TreeWire;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>The entries of a commit's tree: its files, the folders they imply, and the last commit that changed each.</summary>
internal sealed class RepoTree(Repo repo, RepoCommit commit)
{
    private static readonly TreeSecurityStatus Safe = new("safe", new TreeAvScan(false), new TreePickleScan("innocuous", []));

    private readonly SortedSet<string> _folders = Folders(commit);
    private IReadOnlyList<RepoCommit>? _history;

    public bool IsFolder(string path) => _folders.Contains(path);

    public bool IsFile(string path) => commit.Tree.ContainsKey(path);

    /// <summary>Entries directly in <paramref name="folder"/> ("" is the root), or all below it when recursive; ordered by path.</summary>
    public IEnumerable<TreeEntry> List(string folder, bool recursive, bool expand)
    {
        var prefix = folder.Length == 0 ? "" : folder + "/";
        bool Within(string path) => path.StartsWith(prefix, StringComparison.Ordinal) && (recursive || path.IndexOf('/', prefix.Length) < 0);
        var folders = _folders.Where(Within).Select(p => (Path: p, Folder: true));
        var files = commit.Tree.Keys.Where(Within).Select(p => (Path: p, Folder: false));
        return folders.Concat(files).OrderBy(e => e.Path, StringComparer.Ordinal).Select(e => Entry(e.Path, expand)!);
    }

    /// <summary>The entry of a file or folder, or null when the path is neither.</summary>
    public TreeEntry? Entry(string path, bool expand)
    {
        if (commit.Tree.TryGetValue(path, out var file))
        {
            var lfs = file.LfsPointer is { } pointer ? new TreeLfs(file.Sha256, file.Size, Encoding.UTF8.GetByteCount(pointer)) : null;
            return new TreeEntry("file", file.BlobId, file.Size, path, lfs, expand ? LastCommit(path, folder: false) : null, expand ? Safe : null);
        }

        if (!_folders.Contains(path))
        {
            return null;
        }

        return new TreeEntry("directory", FolderOid(path), 0, path, null, expand ? LastCommit(path, folder: true) : null, null);
    }

    /// <summary>A stable stand-in for git's tree id: the blob id of the folder's listing.</summary>
    private string FolderOid(string folder)
    {
        var listing = new StringBuilder();
        foreach (var (path, file) in commit.Tree.Where(f => f.Key.StartsWith(folder + "/", StringComparison.Ordinal)))
        {
            listing.Append(path).Append(' ').Append(file.BlobId).Append('\n');
        }

        return Hashes.GitBlobOid(Encoding.UTF8.GetBytes(listing.ToString()));
    }

    /// <summary>The newest commit whose tree differs from its parent's at <paramref name="path"/>.</summary>
    private TreeLastCommit LastCommit(string path, bool folder)
    {
        _history ??= repo.History(commit);
        for (var i = 0; i < _history.Count; i++)
        {
            var parent = i + 1 < _history.Count ? _history[i + 1] : null;
            if (parent is null || Changed(_history[i], parent, path, folder))
            {
                var found = _history[i];
                return new TreeLastCommit(found.Oid, found.Summary, LogStreamWriter.FormatTimestamp(found.Date));
            }
        }

        return new TreeLastCommit(commit.Oid, commit.Summary, LogStreamWriter.FormatTimestamp(commit.Date));
    }

    private static bool Changed(RepoCommit child, RepoCommit parent, string path, bool folder)
    {
        if (!folder)
        {
            return !ReferenceEquals(child.Tree.GetValueOrDefault(path), parent.Tree.GetValueOrDefault(path));
        }

        var prefix = path + "/";
        var before = parent.Tree.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        var after = child.Tree.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        return before.Count != after.Count || before.Zip(after).Any(pair => !string.Equals(pair.First.Key, pair.Second.Key, StringComparison.Ordinal) || !ReferenceEquals(pair.First.Value, pair.Second.Value));
    }

    private static SortedSet<string> Folders(RepoCommit commit)
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in commit.Tree.Keys)
        {
            for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                folders.Add(path[..slash]);
            }
        }

        return folders;
    }
}
