namespace SpaceFactory.Hf.Hub;

public partial class HubClient
{
    /// <summary>
    /// Copies a Space's files into a new Space: <c>POST /api/spaces/{from}/duplicate</c> with
    /// <c>{"repository", "private", "hardware"?, "sleepTimeSeconds"?, "secrets"?, "variables"?}</c>. The copy is
    /// <b>private unless <see cref="DuplicateSpaceOptions.Private"/> is off</b>: the Hub itself keeps the source's
    /// visibility when <c>private</c> is left out (as <c>huggingface_hub</c> does), so SpaceFactory always sends it.
    /// </summary>
    /// <param name="fromId">The Space to copy, <c>namespace/name</c>.</param>
    /// <param name="toId">The new Space; without a namespace it goes to the token's user (one <c>whoami</c>); <see langword="null"/> keeps the source's name.</param>
    /// <param name="options">Visibility, hardware, sleep time, secrets, variables and <see cref="DuplicateSpaceOptions.ExistOk"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new Space's URL and id.</returns>
    /// <exception cref="HfConflictException">The target exists and <c>ExistOk</c> is off.</exception>
    /// <exception cref="HfNotFoundException">No such source Space, or private and not visible to the token.</exception>
    /// <exception cref="HfPaymentRequiredException">The hardware needs a payment method or credits.</exception>
    public virtual async Task<CreatedRepo> DuplicateSpaceAsync(
        RepoId fromId,
        RepoId? toId = null,
        DuplicateSpaceOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(fromId, nameof(fromId));
        options ??= new DuplicateSpaceOptions();
        ValidateSleepTime(options.SleepTimeSeconds, nameof(options));
        var name = toId is { } given && !string.IsNullOrEmpty(given.Name) ? given.Name : fromId.Name;
        var ns = toId?.Namespace ?? (await WhoAmIAsync(cancellationToken).ConfigureAwait(false)).Name;
        var target = RepoId.Parse(ns + "/" + name);
        var body = new DuplicateSpaceRequest(target.ToString(), options.Private)
        {
            Hardware = options.Hardware,
            SleepTimeSeconds = options.SleepTimeSeconds,
            Secrets = options.Secrets is { Count: > 0 } secrets ? [.. secrets.Select(s => new KeyValueBody(s.Key, s.Value, s.Description))] : null,
            Variables = options.Variables is { Count: > 0 } variables ? [.. variables.Select(v => new KeyValueBody(v.Key, v.Value, v.Description))] : null,
        };
        try
        {
            var answer = await SendJsonAsync(
                    HttpMethod.Post, $"{HubPaths.Space(fromId)}/duplicate", body, HubJsonContext.Default.DuplicateSpaceRequest, HubJsonContext.Default.CreateRepoResponse, cancellationToken)
                .ConfigureAwait(false);
            var url = answer.Url is null
                ? throw new HfProtocolException($"POST /api/spaces/{fromId}/duplicate returned no 'url'.")
                : HubPaths.FixEndpoint(answer.Url, _endpoint);
            HubLog.RepoCreated(_logger, RepoType.Space, target);
            return new CreatedRepo(url, FromUrl(url) ?? target, answer.Id, alreadyExisted: false);
        }
        catch (HfConflictException ex) when (options.ExistOk)
        {
            var url = HubPaths.FixEndpoint(ex.ExistingUrl?.AbsoluteUri ?? _endpoint.AbsoluteUri.TrimEnd('/') + "/spaces/" + target, _endpoint);
            HubLog.RepoReused(_logger, RepoType.Space, target);
            return new CreatedRepo(url, target, id: null, alreadyExisted: true);
        }
    }
}
