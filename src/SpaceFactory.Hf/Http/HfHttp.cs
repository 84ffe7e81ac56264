using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SpaceFactory.Hf.Http;

/// <summary>The request/response helpers every Hugging Face client shares: JSON in, typed errors and JSON out.</summary>
internal static class HfHttp
{
    /// <summary>A request with a JSON body serialised by a source-generated contract.</summary>
    public static HttpRequestMessage JsonRequest<T>(HttpMethod method, string relativeUri, T body, JsonTypeInfo<T> typeInfo) =>
        new(method, relativeUri) { Content = JsonBody(body, typeInfo) };

    /// <summary>
    /// A JSON body serialised up front, so that it goes out with a <c>Content-Length</c> like the official clients'
    /// (a streamed <c>JsonContent</c> is sent chunked), and can be sent again on a retry.
    /// </summary>
    public static ByteArrayContent JsonBody<T>(T body, JsonTypeInfo<T> typeInfo, string mediaType = "application/json")
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    /// <summary>Sends <paramref name="request"/> and throws the matching <see cref="HfApiException"/> on an error status.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client,
        HttpRequestMessage request,
        TimeProvider timeProvider,
        CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new HfProtocolException(
                $"{Describe(request)} answered more than {BoundedBody.Size(client.MaxResponseContentBufferSize)} ({nameof(HfClientOptions)}.{nameof(HfClientOptions.MaxJsonBytes)}); the read was stopped there.", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await HfApiExceptionFactory.CreateAsync(response, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends <paramref name="request"/> and reads a JSON answer with <paramref name="typeInfo"/>.</summary>
    public static async Task<T> SendForJsonAsync<T>(
        HttpClient client,
        HttpRequestMessage request,
        JsonTypeInfo<T> typeInfo,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await SendAsync(client, request, timeProvider, cancellationToken).ConfigureAwait(false))
        {
            return await ReadJsonAsync(response, typeInfo, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a JSON body, turning an unreadable one into an <see cref="HfProtocolException"/> naming the request.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var what = Describe(response.RequestMessage);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && mediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            throw new HfProtocolException($"{what} returned an HTML page ({(int)response.StatusCode}) where JSON was expected.");
        }

        try
        {
            var value = await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false);
            return value ?? throw new HfProtocolException($"{what} returned an empty (null) JSON body.");
        }
        catch (JsonException ex)
        {
            throw new HfProtocolException($"{what} returned a body that is not the expected JSON: {ex.Message}", ex);
        }
    }

    /// <summary>"GET /api/whoami-v2": method and path, never the query string.</summary>
    public static string Describe(HttpRequestMessage? request) =>
        request?.RequestUri is { } uri
            ? $"{request.Method.Method} {(uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0])}"
            : "the request";
}
