using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Gradio.Internal;

/// <summary>
/// HTTP to one Gradio app: the token goes to the app's own origin only (also across redirects, which are followed
/// by hand and only within that origin), error statuses become typed <see cref="GradioException"/>s, and result
/// streams get an idle timeout instead of a total one. Every body is read within a bound: JSON answers up to
/// <see cref="GradioConnectOptions.MaxJsonBytes"/>, each server-sent event up to
/// <see cref="GradioConnectOptions.MaxSseEventBytes"/>, error texts up to a few kilobytes.
/// </summary>
internal sealed class GradioHttp(HttpClient requests, HttpClient streams, Uri baseUrl, string? token, GradioConnectOptions limits, TimeProvider timeProvider)
{
    private const int MaxRedirects = 3;

    /// <summary>Enough of an error body for its reason; the rest of an error page is never read.</summary>
    private const int MaxErrorBytes = 8 * 1024;

    /// <summary>The same for every request: built once.</summary>
    private static readonly string UserAgent = HfUserAgent.Build(null);

    public Uri BaseUrl { get; } = new(baseUrl.AbsoluteUri.TrimEnd('/') + "/");

    public string Root { get; } = baseUrl.AbsoluteUri.TrimEnd('/');

    /// <summary>The <c>X-HF-Authorization</c> value, built once.</summary>
    private readonly string? _bearer = token is null ? null : "Bearer " + token;

    public bool HasToken => _bearer is not null;

    /// <summary>The limits and deadlines this connection was made with.</summary>
    public GradioConnectOptions Limits => limits;

    public Uri Url(string pathAndQuery) => new(Root + pathAndQuery);

    public async Task<JsonDocument> GetJsonAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(requests, new HttpRequestMessage(HttpMethod.Get, Url(pathAndQuery)), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<JsonDocument> PostJsonAsync(string pathAndQuery, byte[] body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url(pathAndQuery)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json"); // sent as is, never parsed
        using var response = await SendAsync(requests, request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<JsonDocument> PostAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(requests, request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens an SSE result stream; disposing the stream closes the connection.</summary>
    public async Task<Stream> OpenStreamAsync(Uri url, bool eventStream, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (eventStream)
        {
            request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        }

        var response = await SendAsync(streams, request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var description = "GET " + url.AbsolutePath;
            var idle = new IdleTimeoutStream(body, limits.StreamIdleTimeout, timeProvider, description, response);
            return eventStream ? new SseEventLimitStream(idle, limits.MaxSseEventBytes, description) : idle;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="url"/> is on the app's own origin (the only place the token may go).</summary>
    public bool IsAppOrigin(Uri url) => HfAuthenticationHandler.IsSameOrigin(url, BaseUrl);

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            Authorize(request);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                request.Dispose();
                throw new GradioProtocolException($"{request.Method} {request.RequestUri?.AbsolutePath} could not reach the app at {Root}: {ex.Message}", ex);
            }

            var status = (int)response.StatusCode;
            if (status is < 300 or >= 400 || response.Headers.Location is null || redirects >= MaxRedirects || request.Method != HttpMethod.Get)
            {
                return response;
            }

            var target = new Uri(request.RequestUri!, response.Headers.Location);
            response.Dispose();
            if (!IsAppOrigin(target))
            {
                throw new GradioProtocolException($"The app redirected {request.RequestUri!.AbsolutePath} to another origin ({target.GetLeftPart(UriPartial.Authority)}); the client does not follow it, so that the token never leaves the app.");
            }

            var next = new HttpRequestMessage(HttpMethod.Get, target);
            foreach (var accept in request.Headers.Accept)
            {
                next.Headers.Accept.Add(accept);
            }

            request.Dispose();
            request = next;
        }
    }

    /// <summary>The headers of every request, which is always a new one (a redirect is followed with a new request too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs on every call: optimised from the first one
    private void Authorize(HttpRequestMessage request)
    {
        if (_bearer is not null && request.RequestUri is { } url && IsAppOrigin(url))
        {
            // One header, as gradio_client sends it: the Hub's proxy reads X-HF-Authorization for a private Space,
            // and Authorization stays free for the app's own scheme (docs/gradio-client.md, "Tokens").
            request.Headers.TryAddWithoutValidation("X-HF-Authorization", _bearer);
        }

        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
    }

    /// <summary>Nothing to await on success (no state machine on the common path); the typed error otherwise.</summary>
    private Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.IsSuccessStatusCode ? Task.CompletedTask : ThrowFailureAsync(response, cancellationToken);

    /// <summary>The typed error of a failed response, with the server's reason read from a bounded part of its body.</summary>
    private async Task ThrowFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var what = What(response);
        var body = await ReadBoundedAsync(response, cancellationToken).ConfigureAwait(false);
        var detail = Detail(body);
        var status = response.StatusCode;
        GradioException error = status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new GradioAccessException($"{what} was refused ({(int)status}){(HasToken ? ": the token cannot read this Space" : ": the Space is private; connect with a token")}.") { StatusCode = status },
            HttpStatusCode.NotFound when !HasToken && response.RequestMessage?.RequestUri?.AbsolutePath.EndsWith("/config", StringComparison.Ordinal) == true =>
                new GradioAccessException($"{what} answered 404: no app there, or a private Space (connect with a token).") { StatusCode = status },
            HttpStatusCode.UnprocessableEntity => new GradioValidationException($"{what}: the app refused the inputs (422): {detail}") { StatusCode = status },
            HttpStatusCode.ServiceUnavailable => new GradioQueueFullException($"{what}: the app is busy or its queue is full (503){(detail.Length > 0 ? ": " + detail : string.Empty)}.") { StatusCode = status },
            _ => new GradioProtocolException($"{what} failed with {(int)status} {status}{(detail.Length > 0 ? ": " + detail : string.Empty)}.") { StatusCode = status },
        };
        throw error;
    }

    /// <summary>"POST /path" for messages; built only when one is written.</summary>
    private static string What(HttpResponseMessage response) => $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}";

    private async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // The raw header: parsing it into a MediaTypeHeaderValue on every answer costs more than this check.
        if (response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var types) && types.ToString().Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            throw new GradioProtocolException($"{What(response)} returned an HTML page where JSON was expected; is this a Gradio app, and is it running?");
        }

        byte[] body;
        bool complete;
        try
        {
            // The stream overload: one async layer fewer on every JSON answer; the response owns and closes the body.
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            (body, complete) = await BoundedBody.ReadAtMostAsync(stream, limits.MaxJsonBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new GradioProtocolException($"{What(response)}: the connection broke while the answer was read: {ex.Message}", ex);
        }

        if (!complete)
        {
            throw new GradioProtocolException(
                $"{What(response)} answered more than {BoundedBody.Size(limits.MaxJsonBytes)} of JSON ({nameof(GradioConnectOptions)}.{nameof(GradioConnectOptions.MaxJsonBytes)}); the read was stopped there.");
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex) when (ex.LineNumber == 0 && ex.BytePositionInLine == 0 && ex.Message.StartsWith("'<'", StringComparison.Ordinal))
        {
            // Proxies and error pages often send HTML under a JSON content type.
            throw new GradioProtocolException($"{What(response)} returned an HTML page where JSON was expected; is this a Gradio app, and is it running?", ex);
        }
        catch (JsonException ex)
        {
            throw new GradioProtocolException($"{What(response)} returned a body that is not JSON: {ex.Message}", ex);
        }
    }

    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            var (bytes, _) = await BoundedBody.ReadAtMostAsync(response.Content, MaxErrorBytes, cancellationToken).ConfigureAwait(false);
            text = System.Text.Encoding.UTF8.GetString(bytes);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            text = string.Empty; // the status alone says what failed
        }

        return text.Length <= 2000 ? text : text[..2000];
    }

    /// <summary>The server's reason: FastAPI's <c>detail</c>, Gradio's <c>error</c>, or plain text.</summary>
    private static string Detail(string body)
    {
        var trimmed = body.Trim();
        if (trimmed.StartsWith('<'))
        {
            return "an HTML error page";
        }

        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                foreach (var name in (string[])["detail", "error", "message"])
                {
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
                    {
                        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                    }
                }
            }
            catch (JsonException)
            {
                // fall through to the raw text
            }
        }

        return trimmed.Length <= 300 ? trimmed : trimmed[..300] + "…";
    }
}
