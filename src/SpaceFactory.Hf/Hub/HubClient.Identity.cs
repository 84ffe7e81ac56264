namespace SpaceFactory.Hf.Hub;

public partial class HubClient
{
    /// <summary>
    /// Who the token belongs to: <c>GET /api/whoami-v2</c>. Answers are cached per token for
    /// <see cref="HubClientOptions.WhoAmICacheDuration"/> because the endpoint is heavily rate-limited.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The user, its organisations and the token's role and permissions.</returns>
    /// <exception cref="HfUnauthorizedException">The token is missing, invalid or expired.</exception>
    /// <exception cref="HfRateLimitedException">The endpoint's rate limit was hit.</exception>
    public virtual async Task<HubUser> WhoAmIAsync(CancellationToken cancellationToken = default)
    {
        var token = CurrentToken;
        if (token is not null && _whoAmICache.TryGet(_endpoint, token, out var cached))
        {
            HubLog.WhoAmICached(_logger, cached.Name);
            return cached;
        }

        var user = await GetJsonAsync("api/whoami-v2", HubJsonContext.Default.HubUser, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(user.Name))
        {
            throw new HfProtocolException("GET /api/whoami-v2 returned no user name.");
        }

        if (token is not null)
        {
            _whoAmICache.Set(_endpoint, token, user);
        }

        return user;
    }
}
