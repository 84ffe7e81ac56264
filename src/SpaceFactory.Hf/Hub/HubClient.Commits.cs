using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Hub;

public partial class HubClient
{
    /// <summary>Files per preupload request: the Hub's limit.</summary>
    private const int PreuploadBatchSize = 256;

    /// <summary>
    /// Makes one commit: <c>POST /api/{type}s/{id}/preupload/{revision}</c> (in batches of 256) to learn how each
    /// added file is stored, the LFS upload of the files the Hub wants in LFS (batch, PUT, verify), then one
    /// <c>POST /api/{type}s/{id}/commit/{revision}</c> whose NDJSON body is streamed: file contents are read and
    /// base64-encoded while sent, never held whole in memory. Files the Hub says to ignore are left out.
    /// </summary>
    /// <param name="repoId">The id, <c>namespace/name</c>; the repository must exist.</param>
    /// <param name="repoType">Model, dataset or Space.</param>
    /// <param name="summary">The commit message (first line).</param>
    /// <param name="operations">Files to add, files and folders to delete; each path at most once.</param>
    /// <param name="options">Branch, description and parent commit.</param>
    /// <param name="cancellationToken">Cancels the commit (including uploads in progress).</param>
    /// <returns>The commit's sha and URL.</returns>
    /// <exception cref="ArgumentException">No operations, an empty summary, a path used twice, or a bad parent commit.</exception>
    /// <exception cref="InvalidOperationException">A file's content changed while the commit was made.</exception>
    /// <exception cref="HfNotFoundException">No such repository or revision.</exception>
    /// <remarks>The commit request is never retried: a lost answer may still have made the commit.</remarks>
    public virtual async Task<CommitInfo> CreateCommitAsync(
        RepoId repoId,
        RepoType repoType,
        string summary,
        IEnumerable<CommitOperation> operations,
        CommitOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        ArgumentNullException.ThrowIfNull(operations);
        options ??= new CommitOptions();
        var revision = string.IsNullOrWhiteSpace(options.Revision)
            ? throw new ArgumentException("CommitOptions.Revision must not be empty.", nameof(options))
            : options.Revision;
        ValidateParentCommit(options.ParentCommit);
        var list = ValidateOperations(operations);

        var files = new List<PreparedFile>();
        var prepared = new Dictionary<CommitFileAddition, PreparedFile>(ReferenceEqualityComparer.Instance);
        foreach (var addition in list.OfType<CommitFileAddition>())
        {
            var file = await CommitFileReader.PrepareAsync(addition, cancellationToken).ConfigureAwait(false);
            files.Add(file);
            prepared[addition] = file;
        }

        await PreuploadAsync(repoId, repoType, revision, files, cancellationToken).ConfigureAwait(false);
        var lfs = files.Where(f => f.IsLfs && !f.ShouldIgnore).ToList();
        var deletions = list.Count - files.Count;
        HubLog.Committing(_logger, repoType, repoId, revision, files.Count(f => !f.IsLfs && !f.ShouldIgnore), lfs.Count, files.Count(f => f.ShouldIgnore), deletions);
        if (lfs.Count > 0)
        {
            await UploadLfsFilesAsync(repoId, repoType, revision, lfs, cancellationToken).ConfigureAwait(false);
        }

        using var content = new CommitNdjsonContent(summary, options.Description ?? string.Empty, options.ParentCommit);
        foreach (var operation in list)
        {
            switch (operation)
            {
                case CommitFileAddition addition:
                    var file = prepared[addition];
                    if (file.ShouldIgnore)
                    {
                        break;
                    }

                    if (file.IsLfs)
                    {
                        content.AddLfsFile(file.Path, file.Sha256!, file.Size);
                    }
                    else
                    {
                        content.AddFile(file.Path, file.Source, file.Size);
                    }

                    break;
                case CommitFileDeletion deletion:
                    content.AddDeletion(deletion.PathInRepo, folder: false);
                    break;
                case CommitFolderDeletion folder:
                    content.AddDeletion(folder.PathInRepo, folder: true);
                    break;
            }
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{HubPaths.Api(repoType, repoId)}/commit/{HubPaths.Revision(revision)}") { Content = content };

        // The streaming client: no total timeout for a large body, and no retry (a repeated commit is a second commit).
        using var response = await HfHttp.SendAsync(_streaming.HttpClient, request, _timeProvider, cancellationToken).ConfigureAwait(false);
        var answer = await HfHttp.ReadJsonAsync(response, HubJsonContext.Default.CommitResponse, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(answer.CommitOid) || string.IsNullOrEmpty(answer.CommitUrl))
        {
            throw new HfProtocolException($"{HfHttp.Describe(request)} returned no 'commitOid' or 'commitUrl'.");
        }

        HubLog.Committed(_logger, answer.CommitOid, repoType, repoId);
        return new CommitInfo(answer.CommitOid, HubPaths.FixEndpoint(answer.CommitUrl, _endpoint));
    }

    private static List<CommitOperation> ValidateOperations(IEnumerable<CommitOperation> operations)
    {
        var list = new List<CommitOperation>();
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            if (operation is null)
            {
                throw new ArgumentException("The operations contain a null entry.", nameof(operations));
            }

            if (operation is CommitFileAddition && !added.Add(operation.PathInRepo))
            {
                throw new ArgumentException($"'{operation.PathInRepo}' is added more than once in the same commit.", nameof(operations));
            }

            list.Add(operation);
        }

        return list.Count == 0 ? throw new ArgumentException("A commit needs at least one operation.", nameof(operations)) : list;
    }

    private static void ValidateParentCommit(string? parentCommit)
    {
        if (parentCommit is not null &&
            (parentCommit.Length is < 5 or > 40 || !parentCommit.All(char.IsAsciiHexDigit)))
        {
            throw new ArgumentException($"ParentCommit '{parentCommit}' is not a commit sha (5 to 40 hex digits).", nameof(parentCommit));
        }
    }

    /// <summary>Asks the Hub how each file is to be stored (regular or LFS) and which to ignore.</summary>
    private async Task PreuploadAsync(RepoId repoId, RepoType repoType, string revision, List<PreparedFile> files, CancellationToken cancellationToken)
    {
        var path = $"{HubPaths.Api(repoType, repoId)}/preupload/{HubPaths.Revision(revision)}";
        foreach (var batch in files.Chunk(PreuploadBatchSize))
        {
            var body = new PreuploadRequest([.. batch.Select(f => new PreuploadFile(f.Path, f.Sample, f.Size))]);

            // Preupload only reads the repository: safe to repeat, so the retry policy may do so.
            var request = HfHttp.JsonRequest(HttpMethod.Post, path, body, HubJsonContext.Default.PreuploadRequest).AsRetrySafe();
            var answer = await HfHttp.SendForJsonAsync(_http, request, HubJsonContext.Default.PreuploadResponse, _timeProvider, cancellationToken)
                .ConfigureAwait(false);
            var byPath = new Dictionary<string, PreuploadResult>(StringComparer.Ordinal);
            foreach (var result in answer.Files ?? [])
            {
                byPath[result.Path] = result;
            }

            foreach (var file in batch)
            {
                if (!byPath.TryGetValue(file.Path, out var result))
                {
                    throw new HfProtocolException($"POST /{path} did not say how to upload '{file.Path}'.");
                }

                file.ShouldIgnore = result.ShouldIgnore;

                // Empty files are always regular, as in the official client.
                file.IsLfs = file.Size > 0 && result.UploadMode switch
                {
                    "lfs" => true,
                    "regular" => false,
                    _ => throw new HfProtocolException($"POST /{path} answered upload mode '{result.UploadMode}' for '{file.Path}'; expected 'regular' or 'lfs'."),
                };
            }
        }
    }
}
