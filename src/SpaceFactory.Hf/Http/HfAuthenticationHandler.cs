using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace SpaceFactory.Hf.Http;

/// <summary>
/// Adds the bearer token (to the Hub's own host only), the SpaceFactory <c>User-Agent</c> and a trace id to each request.
/// </summary>
/// <remarks>
/// The token never goes to another host, even when a response points at one (pre-signed LFS URLs, CDNs),
/// and never to a request marked anonymous.
/// </remarks>
internal sealed class HfAuthenticationHandler : DelegatingHandler
{
    private readonly Uri _endpoint;
    private readonly string? _configuredToken;
    private readonly string _userAgent;

    public HfAuthenticationHandler(IOptions<HfClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _endpoint = value.ResolveEndpoint();
        _configuredToken = value.ResolveToken();
        _userAgent = HfUserAgent.Build(value.UserAgentSuffix);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Prepare(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Prepare(request);
        return base.Send(request, cancellationToken);
    }

    /// <summary>Whether <paramref name="target"/> is the configured Hub (same scheme, host and port).</summary>
    internal static bool IsSameOrigin(Uri? target, Uri endpoint) =>
        target is not null && target.IsAbsoluteUri &&
        string.Equals(target.Scheme, endpoint.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(target.IdnHost, endpoint.IdnHost, StringComparison.OrdinalIgnoreCase) &&
        target.Port == endpoint.Port;

    private void Prepare(HttpRequestMessage request)
    {
        if (!request.Headers.Contains("User-Agent"))
        {
            // The Hub's convention is ';'-separated segments, which is not RFC product syntax: add it raw.
            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        }

        if (!request.Headers.Contains("X-Amzn-Trace-Id"))
        {
            request.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", Guid.NewGuid().ToString());
        }

        var anonymous = request.Options.TryGetValue(HfRequestOptions.Anonymous, out var flag) && flag;
        if (anonymous || !IsSameOrigin(request.RequestUri, _endpoint))
        {
            // Never leak the Hub token to a host a response pointed us at.
            request.Headers.Authorization = null;
            return;
        }

        var token = HfTokenScope.CurrentToken ?? _configuredToken;
        if (token is not null && request.Headers.Authorization is null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }
}
