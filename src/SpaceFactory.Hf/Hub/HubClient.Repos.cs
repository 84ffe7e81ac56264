using System.Net;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Hub;

public partial class HubClient
{
    /// <summary>
    /// Creates a repository: <c>POST /api/repos/create</c>. Private by default; for a Space, the SDK is required and
    /// hardware, sleep time, secrets and variables may be set at once.
    /// </summary>
    /// <param name="repoId">The id; without a namespace the repository goes to the token's user.</param>
    /// <param name="repoType">Model, dataset or Space.</param>
    /// <param name="options">Visibility, Space settings and <see cref="CreateRepoOptions.ExistOk"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The repository's URL and id.</returns>
    /// <exception cref="ArgumentException">A Space without an SDK, or Space settings on another repository type.</exception>
    /// <exception cref="HfConflictException">The repository exists (<see cref="HfConflictException.ExistingUrl"/>) and <c>ExistOk</c> is off.</exception>
    /// <exception cref="HfPaymentRequiredException">The account needs a paid plan for this SDK or hardware.</exception>
    public virtual async Task<CreatedRepo> CreateRepoAsync(
        RepoId repoId,
        RepoType repoType,
        CreateRepoOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(repoId.Name))
        {
            throw new ArgumentException("The repository id is empty (default RepoId); parse one with RepoId.Parse.", nameof(repoId));
        }

        options ??= new CreateRepoOptions();
        var request = BuildCreateRequest(repoId, repoType, options);
        try
        {
            var created = await SendJsonAsync(
                    HttpMethod.Post, "api/repos/create", request, HubJsonContext.Default.CreateRepoRequest, HubJsonContext.Default.CreateRepoResponse, cancellationToken)
                .ConfigureAwait(false);
            var url = created.Url is null
                ? throw new HfProtocolException("POST /api/repos/create returned no 'url'.")
                : HubPaths.FixEndpoint(created.Url, _endpoint);
            var id = created.Name is not null && RepoId.TryParse(created.Name, out var parsed, out _) ? parsed : FromUrl(url) ?? repoId;
            HubLog.RepoCreated(_logger, repoType, id);
            return new CreatedRepo(url, id, created.Id, alreadyExisted: false);
        }
        catch (HfConflictException ex) when (options.ExistOk && ex.ExistingUrl is not null)
        {
            var url = HubPaths.FixEndpoint(ex.ExistingUrl.AbsoluteUri, _endpoint);
            var id = FromUrl(url) ?? repoId;
            HubLog.RepoReused(_logger, repoType, id);
            return new CreatedRepo(url, id, id: null, alreadyExisted: true);
        }
    }

    /// <summary>
    /// Whether a repository exists and is visible to the token: <c>GET /api/{type}s/{id}?expand=likes</c>.
    /// A gated repository exists; a missing one, or a private one the token cannot see (401/404), does not.
    /// </summary>
    /// <param name="repoId">The id, <c>namespace/name</c>.</param>
    /// <param name="repoType">Model, dataset or Space.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when it exists.</returns>
    /// <exception cref="HfUnauthorizedException">The token itself is invalid.</exception>
    public virtual async Task<bool> RepoExistsAsync(RepoId repoId, RepoType repoType, CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        try
        {
            await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{HubPaths.Api(repoType, repoId)}?expand=likes"), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HfGatedRepoException)
        {
            return true;
        }
        catch (HfNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Information about a Space: <c>GET /api/spaces/{id}</c> (or <c>/revision/{revision}</c>).</summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="revision">A branch, tag or commit; the default branch when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Id, author, sha, privacy, host, subdomain, runtime, SDK, card data, files…</returns>
    /// <exception cref="HfNotFoundException">No such Space, or private and not visible to the token.</exception>
    public virtual Task<SpaceInfo> GetSpaceInfoAsync(RepoId repoId, string? revision = null, CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        return GetJsonAsync(InfoPath(RepoType.Space, repoId, revision, expand: null), HubJsonContext.Default.SpaceInfo, cancellationToken);
    }

    /// <summary>Information about a model: <c>GET /api/models/{id}</c> (or <c>/revision/{revision}</c>), optionally <c>?expand=…</c>.</summary>
    /// <param name="repoId">The model id, <c>namespace/name</c>.</param>
    /// <param name="revision">A branch, tag or commit; the default branch when <see langword="null"/>.</param>
    /// <param name="expand">
    /// Properties to return (e.g. <c>safetensors</c>, <c>config</c>, <c>downloadsAllTime</c>); when given, the Hub
    /// returns only these. <see langword="null"/> returns the default set.
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Task, library, tags, card data, config, files with sizes, gating, privacy…</returns>
    /// <exception cref="HfNotFoundException">No such model, or private and not visible to the token.</exception>
    /// <exception cref="HfGatedRepoException">The model is gated and the user has no access.</exception>
    public virtual Task<ModelInfo> GetModelInfoAsync(
        RepoId repoId,
        string? revision = null,
        IEnumerable<string>? expand = null,
        CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        return GetJsonAsync(InfoPath(RepoType.Model, repoId, revision, expand), HubJsonContext.Default.ModelInfo, cancellationToken);
    }

    /// <summary>
    /// Information about a model with every file's size: <c>GET /api/models/{id}?blobs=true</c> (Python's
    /// <c>files_metadata=True</c>). Each sibling then carries <c>size</c>, <c>blobId</c> and <c>lfs</c>.
    /// </summary>
    /// <param name="repoId">The model id, <c>namespace/name</c>.</param>
    /// <param name="revision">A branch, tag or commit; the default branch when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The default model info, with file sizes.</returns>
    /// <exception cref="HfNotFoundException">No such model, or private and not visible to the token.</exception>
    /// <exception cref="HfGatedRepoException">The model is gated and the user has no access.</exception>
    public virtual Task<ModelInfo> GetModelInfoWithFileSizesAsync(RepoId repoId, string? revision = null, CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        return GetJsonAsync(InfoPath(RepoType.Model, repoId, revision, expand: null) + "?blobs=true", HubJsonContext.Default.ModelInfo, cancellationToken);
    }

    /// <summary>Deletes a repository: <c>DELETE /api/repos/delete</c> with a JSON body. Irreversible.</summary>
    /// <param name="repoId">The id; without a namespace, the token's user's repository.</param>
    /// <param name="repoType">Model, dataset or Space.</param>
    /// <param name="missingOk">Return <see langword="false"/> instead of throwing when the repository does not exist.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when deleted; <see langword="false"/> when missing and <paramref name="missingOk"/>.</returns>
    /// <exception cref="HfNotFoundException">No such repository and <paramref name="missingOk"/> is off.</exception>
    public virtual async Task<bool> DeleteRepoAsync(RepoId repoId, RepoType repoType, bool missingOk = false, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(repoId.Name))
        {
            throw new ArgumentException("The repository id is empty (default RepoId); parse one with RepoId.Parse.", nameof(repoId));
        }

        var body = new DeleteRepoRequest(repoId.Name, repoId.Namespace, repoType.ToWireName());
        try
        {
            // The Hub answers 200 with the plain text "OK", not JSON.
            await SendAsync(HfHttp.JsonRequest(HttpMethod.Delete, "api/repos/delete", body, HubJsonContext.Default.DeleteRepoRequest), cancellationToken)
                .ConfigureAwait(false);
            HubLog.RepoDeleted(_logger, repoType, repoId);
            return true;
        }
        catch (HfNotFoundException) when (missingOk)
        {
            return false;
        }
    }

    /// <summary>Changes who can see a repository: <c>PUT /api/{type}s/{id}/settings</c> with <c>{"visibility"}</c>.</summary>
    /// <param name="repoId">The id, <c>namespace/name</c>.</param>
    /// <param name="repoType">Model, dataset or Space.</param>
    /// <param name="visibility">The new visibility (<see cref="RepoVisibility.Protected"/> for Spaces only).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the Hub accepted the change.</returns>
    public virtual Task UpdateRepoVisibilityAsync(RepoId repoId, RepoType repoType, RepoVisibility visibility, CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        var body = new VisibilityRequest(ToWire(visibility));
        return SendAsync(
            HfHttp.JsonRequest(HttpMethod.Put, $"{HubPaths.Api(repoType, repoId)}/settings", body, HubJsonContext.Default.VisibilityRequest),
            cancellationToken);
    }

    private static CreateRepoRequest BuildCreateRequest(RepoId repoId, RepoType repoType, CreateRepoOptions options)
    {
        var isSpace = repoType == RepoType.Space;
        if (isSpace && string.IsNullOrWhiteSpace(options.Sdk))
        {
            throw new ArgumentException("A Space needs an SDK: set CreateRepoOptions.Sdk to 'gradio', 'docker' or 'static'.", nameof(options));
        }

        var hasSpaceSettings = options.Sdk is not null || options.SdkVersion is not null || options.Hardware is not null ||
                               options.SleepTimeSeconds is not null || options.Secrets is { Count: > 0 } || options.Variables is { Count: > 0 };
        if (!isSpace && hasSpaceSettings)
        {
            throw new ArgumentException(
                $"Sdk, SdkVersion, Hardware, SleepTimeSeconds, Secrets and Variables apply to Spaces only, not to a {repoType.ToWireName()} repository.",
                nameof(options));
        }

        if (options.Visibility == RepoVisibility.Protected && !isSpace)
        {
            throw new ArgumentException("Protected visibility exists for Spaces only.", nameof(options));
        }

        if (options.SleepTimeSeconds is { } sleep && sleep <= 0 && sleep != -1)
        {
            throw new ArgumentException($"SleepTimeSeconds must be positive or -1 (never sleep), not {sleep}.", nameof(options));
        }

        return new CreateRepoRequest(repoId.Name, repoId.Namespace, repoType.ToWireName())
        {
            Visibility = options.Visibility is { } visibility ? ToWire(visibility) : null,
            Sdk = isSpace ? options.Sdk : null,
            SdkVersion = options.SdkVersion,
            Hardware = options.Hardware,
            SleepTimeSeconds = options.SleepTimeSeconds,
            Secrets = options.Secrets is { Count: > 0 } secrets ? [.. secrets.Select(s => new KeyValueBody(s.Key, s.Value, s.Description))] : null,
            Variables = options.Variables is { Count: > 0 } variables ? [.. variables.Select(v => new KeyValueBody(v.Key, v.Value, v.Description))] : null,
        };
    }

    private static string InfoPath(RepoType repoType, RepoId repoId, string? revision, IEnumerable<string>? expand)
    {
        var path = revision is null ? HubPaths.Api(repoType, repoId) : $"{HubPaths.Api(repoType, repoId)}/revision/{HubPaths.Revision(revision)}";
        if (expand is null)
        {
            return path;
        }

        var query = string.Join('&', expand.Select(e => "expand=" + Uri.EscapeDataString(e ?? throw new ArgumentException("An expand property is null.", nameof(expand)))));
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    private static string ToWire(RepoVisibility visibility) => visibility switch
    {
        RepoVisibility.Private => "private",
        RepoVisibility.Public => "public",
        RepoVisibility.Protected => "protected",
        _ => throw new ArgumentOutOfRangeException(nameof(visibility), visibility, "Unknown visibility."),
    };

    /// <summary>The id in a repository URL such as <c>https://huggingface.co/spaces/ns/name</c>.</summary>
    private static RepoId? FromUrl(Uri url)
    {
        var segments = url.AbsolutePath.Trim('/').Split('/');
        return segments.Length >= 2 && RepoId.TryParse(WebUtility.UrlDecode($"{segments[^2]}/{segments[^1]}"), out var id, out _) ? id : null;
    }
}
