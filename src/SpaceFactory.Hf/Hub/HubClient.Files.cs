using System.Buffers;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Hub;

public partial class HubClient
{
    /// <summary>
    /// Downloads a file: <c>GET /{prefix}{id}/resolve/{revision}/{path}</c>, returned as a stream while it arrives.
    /// Redirects (CDN, LFS storage) are followed without the token: it never leaves the Hub's host.
    /// </summary>
    /// <param name="repoId">The id, <c>namespace/name</c>.</param>
    /// <param name="repoType">Model, dataset or Space.</param>
    /// <param name="pathInRepo">The file's path, e.g. <c>README.md</c> or <c>sub/dir/file.txt</c>.</param>
    /// <param name="revision">A branch, tag or commit; <c>main</c> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request (reads take their own token).</param>
    /// <returns>The content; read it asynchronously and dispose it. Fails with <see cref="HfStreamIdleException"/> when the transfer stalls.</returns>
    /// <exception cref="HfNotFoundException">No such repository, revision (<c>RevisionNotFound</c>) or file (<c>EntryNotFound</c>).</exception>
    public virtual async Task<Stream> DownloadFileAsync(
        RepoId repoId,
        RepoType repoType,
        string pathInRepo,
        string? revision = null,
        CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        var path = RepoPath.Normalize(pathInRepo, nameof(pathInRepo));
        using var request = new HttpRequestMessage(HttpMethod.Get, HubPaths.Resolve(repoType, repoId, revision, path));
        var response = await HfHttp.SendAsync(_http, request, _timeProvider, cancellationToken, HttpCompletionOption.ResponseHeadersRead)
            .ConfigureAwait(false);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new IdleTimeoutStream(body, _options.StreamIdleTimeout, _timeProvider, HfHttp.Describe(request), response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads a model's card: downloads <c>README.md</c> (at most <see cref="HubClientOptions.MaxModelCardBytes"/>) and
    /// parses its YAML front matter with the Hub's rule. Malformed metadata does not throw: the card then has empty
    /// metadata and <see cref="ModelCard.MetadataError"/> says why.
    /// </summary>
    /// <param name="repoId">The model id, <c>namespace/name</c>.</param>
    /// <param name="revision">A branch, tag or commit; <c>main</c> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The card: typed metadata, body text, and flags for malformed metadata or truncation.</returns>
    /// <exception cref="HfNotFoundException">No such model, or no README (<c>EntryNotFound</c>).</exception>
    public virtual async Task<ModelCard> GetModelCardAsync(RepoId repoId, string? revision = null, CancellationToken cancellationToken = default)
    {
        var limit = Math.Max(1, _hubOptions.MaxModelCardBytes);
        var stream = await DownloadFileAsync(repoId, RepoType.Model, "README.md", revision, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 64 * 1024));
            try
            {
                var (bytes, truncated) = await ReadBoundedAsync(stream, buffer, limit, cancellationToken).ConfigureAwait(false);
                var card = ModelCard.Parse(ModelCardText.Decode(bytes, truncated), truncated);
                if (card.MetadataError is { } error)
                {
                    HubLog.CardMetadataInvalid(_logger, repoId, error);
                }

                return card;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; the flag says whether more were available.</summary>
    private static async Task<(byte[] Bytes, bool Truncated)> ReadBoundedAsync(Stream stream, byte[] buffer, int limit, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var keep = (int)Math.Min(read, limit - content.Length);
            content.Write(buffer, 0, keep);
            if (keep < read)
            {
                return (content.ToArray(), true);
            }
        }

        return (content.ToArray(), false);
    }
}
