using Microsoft.Extensions.Options;

namespace SpaceFactory.Hf.Http;

/// <summary>
/// The HTTP client for long-lived streams (Job logs, Space logs, SSE results): no total timeout and no retry
/// policy, but an idle timeout so that a silent, dropped connection is noticed.
/// </summary>
/// <remarks>Registered by <c>AddHuggingFace</c>; clients that stream take it beside their regular <see cref="HttpClient"/>.</remarks>
public sealed class HfStreamingHttpClient
{
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the streaming client over an <see cref="HttpClient"/> configured for streams.</summary>
    /// <param name="httpClient">A client with an infinite <see cref="HttpClient.Timeout"/> and the Hub as base address.</param>
    /// <param name="options">The shared Hugging Face options (idle timeout).</param>
    /// <param name="timeProvider">Clock for the idle timer; defaults to the system clock.</param>
    public HfStreamingHttpClient(HttpClient httpClient, IOptions<HfClientOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        HttpClient = httpClient;
        _idleTimeout = options.Value.StreamIdleTimeout;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The underlying client (streams only: no retries, no total timeout).</summary>
    internal HttpClient HttpClient { get; }

    /// <summary>
    /// Sends <paramref name="request"/>, checks the status (throwing <see cref="HfApiException"/> on an error) and
    /// returns the body as a stream that fails with <see cref="HfStreamIdleException"/> after the idle timeout.
    /// </summary>
    /// <param name="request">The request; it is disposed with the returned stream.</param>
    /// <param name="cancellationToken">Cancels the request and any later read.</param>
    /// <returns>The response body; disposing it closes the connection.</returns>
    internal Task<Stream> OpenAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        OpenAsync(request, idleTimeout: null, adaptBody: null, cancellationToken);

    /// <summary>
    /// Like <see cref="OpenAsync(HttpRequestMessage, CancellationToken)"/>, with a per-stream idle timeout and a hook
    /// that may wrap the body after looking at the response (e.g. to honour a <c>Range</c> the server ignored).
    /// </summary>
    /// <param name="request">The request; it is disposed with the returned stream.</param>
    /// <param name="idleTimeout">Longest silence for this stream; <see langword="null"/> for the configured one.</param>
    /// <param name="adaptBody">Receives the response and its body and returns the stream to hand out.</param>
    /// <param name="cancellationToken">Cancels the request and any later read.</param>
    /// <returns>The response body; disposing it closes the connection.</returns>
    internal async Task<Stream> OpenAsync(
        HttpRequestMessage request,
        TimeSpan? idleTimeout,
        Func<HttpResponseMessage, Stream, Stream>? adaptBody,
        CancellationToken cancellationToken)
    {
        var response = await HfHttp.SendAsync(HttpClient, request, _timeProvider, cancellationToken, HttpCompletionOption.ResponseHeadersRead)
            .ConfigureAwait(false);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            if (adaptBody is not null)
            {
                body = adaptBody(response, body);
            }

            return new IdleTimeoutStream(body, idleTimeout ?? _idleTimeout, _timeProvider, HfHttp.Describe(request), new ResponseOwner(response, request));
        }
        catch
        {
            response.Dispose();
            request.Dispose();
            throw;
        }
    }

    private sealed class ResponseOwner(HttpResponseMessage response, HttpRequestMessage request) : IDisposable
    {
        public void Dispose()
        {
            response.Dispose();
            request.Dispose();
        }
    }
}
