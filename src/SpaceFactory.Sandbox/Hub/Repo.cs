using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>A repo held by the Sandbox: metadata in memory, file contents in the blob store.</summary>
internal sealed class Repo
{
    private readonly List<RepoCommit> _commits = [];

    public Repo(RepoKind kind, string ns, string name, string objectId, DateTimeOffset createdAt)
    {
        Kind = kind;
        Namespace = ns;
        Name = name;
        ObjectId = objectId;
        CreatedAt = createdAt;
    }

    /// <summary>Serialises commits and settings changes of this repo.</summary>
    public Lock Gate { get; } = new();

    public RepoKind Kind { get; }

    public string Namespace { get; }

    public string Name { get; }

    public string Id => Namespace + "/" + Name;

    /// <summary>24-hex Mongo-style id (<c>_id</c>).</summary>
    public string ObjectId { get; }

    public DateTimeOffset CreatedAt { get; }

    public bool Private { get; set; }

    /// <summary>A repo of the built-in catalog (seeded again at every start, so never persisted).</summary>
    public bool Seeded { get; set; }

    /// <summary><c>null</c> when not gated, else <c>"auto"</c> or <c>"manual"</c>.</summary>
    public string? Gated { get; set; }

    /// <summary>Space SDK (gradio, docker, static, streamlit); null for other types.</summary>
    public string? Sdk { get; set; }

    /// <summary>Extra fields of a seeded repo's info (pipeline_tag, library_name, config, ...).</summary>
    public JsonObject? SeedInfo { get; set; }

    /// <summary>Users granted access to a gated repo.</summary>
    public HashSet<string> GatedAccess { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The head of <c>main</c>.</summary>
    public RepoCommit Head
    {
        get
        {
            lock (Gate)
            {
                return _commits[^1];
            }
        }
    }

    public int CommitCount
    {
        get
        {
            lock (Gate)
            {
                return _commits.Count;
            }
        }
    }

    /// <summary>The commits of <c>main</c> reachable from <paramref name="tip"/>, newest first.</summary>
    public IReadOnlyList<RepoCommit> History(RepoCommit tip)
    {
        lock (Gate)
        {
            var index = _commits.IndexOf(tip);
            var history = new List<RepoCommit>(index + 1);
            for (var i = index; i >= 0; i--)
            {
                history.Add(_commits[i]);
            }

            return history;
        }
    }

    /// <summary>Appends a commit (the caller holds <see cref="Gate"/> or is the only writer).</summary>
    public void Add(RepoCommit commit)
    {
        lock (Gate)
        {
            _commits.Add(commit);
        }
    }

    /// <summary>
    /// Resolves a revision: <c>main</c>, <c>HEAD</c>, <c>refs/heads/main</c>, or a commit id (5 to 40 hex, prefix match).
    /// </summary>
    public RepoCommit? Resolve(string revision)
    {
        lock (Gate)
        {
            if (revision is "main" or "HEAD" or "refs/heads/main" or "")
            {
                return _commits[^1];
            }

            if (revision.Length is >= 5 and <= 40 && revision.All(char.IsAsciiHexDigit))
            {
                for (var i = _commits.Count - 1; i >= 0; i--)
                {
                    if (_commits[i].Oid.StartsWith(revision, StringComparison.OrdinalIgnoreCase))
                    {
                        return _commits[i];
                    }
                }
            }

            return null;
        }
    }
}
