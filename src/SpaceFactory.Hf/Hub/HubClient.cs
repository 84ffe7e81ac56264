using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Hub;

/// <summary>
/// Typed client of the Hugging Face Hub API: identity, repositories, commits (with LFS), files, model info and
/// model cards, and Space runtime, settings and logs. Every request goes to the configured endpoint with the
/// SpaceFactory user agent and the token (never to another host).
/// </summary>
/// <remarks>
/// <para>Registered by <c>services.AddHuggingFace(...)</c>; resolve it from DI. It is thread-safe. Reads (GET) are
/// retried on 408/429/5xx honouring <c>Retry-After</c>; writes are never retried blindly. Uploads (commit bodies,
/// LFS parts) go through the streaming client, without a total timeout, and are read from their sources while sent.</para>
/// <para>Errors: <see cref="HfApiException"/> and its subtypes for error statuses, <see cref="HfProtocolException"/>
/// for answers that cannot be read, <see cref="ArgumentException"/> for bad input (naming the bad part).</para>
/// </remarks>
public partial class HubClient
{
    private readonly HttpClient _http = null!;
    private readonly HfStreamingHttpClient _streaming = null!;
    private readonly WhoAmICache _whoAmICache = null!;
    private readonly HfClientOptions _options = null!;
    private readonly HubClientOptions _hubOptions = null!;
    private readonly TimeProvider _timeProvider = null!;
    private readonly ILogger _logger = null!;
    private readonly Uri _endpoint = null!;

    /// <summary>Creates the client; called by <see cref="IHttpClientFactory"/> through <c>AddHuggingFace</c>.</summary>
    /// <param name="httpClient">The typed client for API calls (base address = the Hub, retries, timeouts, token).</param>
    /// <param name="streamingClient">The client for long streams and uploads (no total timeout, no retry).</param>
    /// <param name="whoAmICache">The shared whoami cache.</param>
    /// <param name="options">Endpoint, token and HTTP settings.</param>
    /// <param name="hubOptions">Hub-specific settings.</param>
    /// <param name="timeProvider">Clock for caches and idle timeouts.</param>
    /// <param name="logger">Logger; nothing secret is logged.</param>
    public HubClient(
        HttpClient httpClient,
        HfStreamingHttpClient streamingClient,
        WhoAmICache whoAmICache,
        IOptions<HfClientOptions> options,
        IOptions<HubClientOptions> hubOptions,
        TimeProvider timeProvider,
        ILogger<HubClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(streamingClient);
        ArgumentNullException.ThrowIfNull(whoAmICache);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hubOptions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _http = httpClient;
        _streaming = streamingClient;
        _whoAmICache = whoAmICache;
        _options = options.Value;
        _hubOptions = hubOptions.Value;
        _timeProvider = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _endpoint = _options.ResolveEndpoint();
    }

    /// <summary>For mocking frameworks only.</summary>
    protected HubClient()
    {
    }

    /// <summary>The token requests carry now: the innermost <see cref="HfTokenScope"/>, else the configured one.</summary>
    private string? CurrentToken => HfTokenScope.CurrentToken ?? _options.ResolveToken();

    private Task<T> GetJsonAsync<T>(string relativeUri, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        HfHttp.SendForJsonAsync(_http, new HttpRequestMessage(HttpMethod.Get, relativeUri), typeInfo, _timeProvider, cancellationToken);

    private Task<TResult> SendJsonAsync<TBody, TResult>(
        HttpMethod method,
        string relativeUri,
        TBody body,
        JsonTypeInfo<TBody> bodyType,
        JsonTypeInfo<TResult> resultType,
        CancellationToken cancellationToken) =>
        HfHttp.SendForJsonAsync(_http, HfHttp.JsonRequest(method, relativeUri, body, bodyType), resultType, _timeProvider, cancellationToken);

    /// <summary>Sends <paramref name="request"/> and discards a successful answer's body.</summary>
    private async Task SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (await HfHttp.SendAsync(_http, request, _timeProvider, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false))
        {
        }
    }
}
