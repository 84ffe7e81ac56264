using System.Net;

namespace SpaceFactory.Hf.Http;

/// <summary>
/// The settings of the SDK's HTTP clients, in one place for both ways of building them: <c>AddHuggingFace</c>
/// (through <see cref="IHttpClientFactory"/>) and <see cref="HfClients"/> (by hand, without dependency injection).
/// </summary>
internal static class HfHttpClientSettings
{
    /// <summary>
    /// How long a pooled connection lives: clients are held for the host's lifetime, so sockets recycle themselves
    /// instead of the handler, and still follow DNS changes.
    /// </summary>
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The connection pool of the Hub, Jobs and Bucket clients.</summary>
    public static SocketsHttpHandler CreateHubHandler() => new()
    {
        PooledConnectionLifetime = ConnectionLifetime,
        AutomaticDecompression = DecompressionMethods.All,
    };

    /// <summary>The connection pool of a Gradio app's clients: no redirects (the token must not follow one).</summary>
    public static SocketsHttpHandler CreateGradioHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = ConnectionLifetime,
    };

    /// <summary>
    /// An API client: the resilience pipeline owns total and attempt timeouts up to the headers; the client's own timeout
    /// and buffer limit also bound reading a buffered (JSON) body, which happens after the pipeline.
    /// </summary>
    public static void ConfigureApiClient(HttpClient client, HfClientOptions settings)
    {
        client.BaseAddress = HfServiceCollectionExtensions.WithTrailingSlash(settings.ResolveEndpoint());
        client.Timeout = settings.RequestTimeout;
        client.MaxResponseContentBufferSize = settings.MaxJsonBytes;
    }

    /// <summary>The streaming client: no total timeout (streams have an idle timeout instead); only buffered (JSON) answers are held in memory.</summary>
    public static void ConfigureStreamingClient(HttpClient client, HfClientOptions settings)
    {
        client.BaseAddress = HfServiceCollectionExtensions.WithTrailingSlash(settings.ResolveEndpoint());
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.MaxResponseContentBufferSize = settings.MaxJsonBytes;
    }
}
