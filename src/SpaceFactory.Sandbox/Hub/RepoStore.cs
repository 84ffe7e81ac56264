using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>All repos of the Sandbox, and the commit operation that changes them.</summary>
internal sealed class RepoStore(BlobStore blobs, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, Repo> _repos = new(StringComparer.OrdinalIgnoreCase);
    private long _sequence;
    private int _created;

    public BlobStore Blobs => blobs;

    /// <summary>Repos created through the API (seeded repos are not counted).</summary>
    public int CreatedCount => Volatile.Read(ref _created);

    public IEnumerable<Repo> All => _repos.Values;

    public Repo? Find(RepoKind kind, string id) => _repos.TryGetValue(Key(kind, id), out var repo) ? repo : null;

    /// <summary>Creates a repo with the Hub's first commit; returns null when one with this id exists.</summary>
    public Repo? TryCreate(RepoKind kind, string ns, string name, Action<Repo> configure, bool seeded = false)
    {
        var now = timeProvider.GetUtcNow();
        var repo = new Repo(kind, ns, name, Infrastructure.HexIds.New(24), now);
        repo.Seeded = seeded;
        configure(repo);
        if (!_repos.TryAdd(Key(kind, repo.Id), repo))
        {
            return null;
        }

        if (!seeded)
        {
            Interlocked.Increment(ref _created);
        }

        return repo;
    }

    /// <summary>Adds a repo restored from a persistent Sandbox's state (false when one with this id exists).</summary>
    public bool Adopt(Repo repo) => _repos.TryAdd(Key(repo.Kind, repo.Id), repo);

    public bool Remove(RepoKind kind, string id) => _repos.TryRemove(Key(kind, id), out _);

    /// <summary>Writes the first commit of a new repo (<c>.gitattributes</c>, and a README for Spaces).</summary>
    public async Task InitializeAsync(Repo repo, IReadOnlyList<RepoFile> extraFiles, CancellationToken cancellationToken)
    {
        var files = new List<RepoFile>
        {
            await blobs.StoreRegularAsync(".gitattributes", Encoding.UTF8.GetBytes(LfsRules.GitAttributes), isLfs: false, cancellationToken).ConfigureAwait(false),
        };
        if (repo.Kind == RepoKind.Space)
        {
            files.Add(await blobs.StoreRegularAsync("README.md", Encoding.UTF8.GetBytes(InitialSpaceReadme(repo)), isLfs: false, cancellationToken).ConfigureAwait(false));
        }

        files.AddRange(extraFiles);
        Commit(repo, "initial commit", "", files, [], []);
    }

    /// <summary>Applies one commit to the head of <c>main</c> and returns it.</summary>
    public RepoCommit Commit(Repo repo, string summary, string description, IReadOnlyList<RepoFile> added, IReadOnlyList<string> deletedFiles, IReadOnlyList<string> deletedFolders)
    {
        lock (repo.Gate)
        {
            var parent = repo.CommitCount == 0 ? null : repo.Head;
            var tree = parent is null
                ? new SortedDictionary<string, RepoFile>(StringComparer.Ordinal)
                : new SortedDictionary<string, RepoFile>(parent.Tree.ToDictionary(), StringComparer.Ordinal);
            foreach (var path in deletedFiles)
            {
                tree.Remove(path);
            }

            foreach (var folder in deletedFolders)
            {
                var prefix = folder.EndsWith('/') ? folder : folder + "/";
                foreach (var path in tree.Keys.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).ToList())
                {
                    tree.Remove(path);
                }
            }

            foreach (var file in added)
            {
                tree[file.Path] = file;
            }

            var now = timeProvider.GetUtcNow();
            var identity = new StringBuilder()
                .Append(parent?.Oid).Append('\n').Append(summary).Append('\n').Append(description).Append('\n')
                .Append(now.ToString("O", CultureInfo.InvariantCulture)).Append('\n')
                .Append(Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture));
            foreach (var (path, file) in tree)
            {
                identity.Append('\n').Append(path).Append(' ').Append(file.Size.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(file.BlobPath ?? file.PatternSeed?.ToString(CultureInfo.InvariantCulture));
            }

            var commit = new RepoCommit(Hashes.CommitOid(identity.ToString()), parent?.Oid, summary, description, now, tree);
            repo.Add(commit);
            return commit;
        }
    }

    private static string InitialSpaceReadme(Repo repo) =>
        "---\n" +
        "title: " + repo.Name + "\n" +
        "emoji: 🚀\n" +
        "colorFrom: blue\n" +
        "colorTo: indigo\n" +
        "sdk: " + (repo.Sdk ?? "gradio") + "\n" +
        (repo.Sdk is "gradio" ? "app_file: app.py\n" : "") +
        "pinned: false\n" +
        "---\n\n" +
        "A Space created by the SpaceFactory Sandbox.\n";

    private static string Key(RepoKind kind, string id) => kind.Wire() + ":" + id;
}
