using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpaceFactory.Hf.Buckets;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Hf.Http;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Hf.Jobs;
using OptionsFactory = Microsoft.Extensions.Options.Options;

namespace SpaceFactory.Hf;

/// <summary>
/// The Hugging Face clients without dependency injection, for scripts, tools and short-lived processes (what
/// <c>HfApi()</c> is to a Python user): the same settings, token handling, user agent, retries and timeouts as
/// <c>AddHuggingFace</c>, without a service provider, options monitors or <see cref="IHttpClientFactory"/>, which a cold
/// process pays for in start-up time. Each client is created on first use; dispose this to close their connections.
/// </summary>
/// <example>
/// <code>
/// using var hf = new HfClients(new HfClientOptions { Token = token });
/// var me = await hf.Hub.WhoAmIAsync(cancellationToken);
/// </code>
/// </example>
public sealed class HfClients : IDisposable
{
    private readonly IOptions<HfClientOptions> _options;
    private readonly IOptions<HubClientOptions> _hubOptions;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly Lazy<HttpClient> _api;
    private readonly Lazy<HfStreamingHttpClient> _streaming;
    private readonly Lazy<HubClient> _hub;
    private readonly Lazy<JobsClient> _jobs;
    private readonly Lazy<BucketClient> _buckets;
    private readonly Lazy<GradioHttpClients> _gradioHttp;
    private readonly Lazy<GradioClientFactory> _gradio;
    private int _disposed;

    /// <summary>Creates the clients (none is built until it is first used).</summary>
    /// <param name="options">Endpoint, token and HTTP settings, read once; unset values fall back to <c>HF_ENDPOINT</c>/<c>HF_TOKEN</c>.</param>
    /// <param name="hubOptions">Hub-specific settings (the whoami cache, the model card limit).</param>
    /// <param name="timeProvider">The clock of retries, timeouts and caches; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="loggerFactory">Where the clients log; nothing secret is logged. No logging by default.</param>
    /// <exception cref="OptionsValidationException"><paramref name="options"/> is invalid (the message names each setting).</exception>
    public HfClients(HfClientOptions? options = null, HubClientOptions? hubOptions = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        var settings = options ?? new HfClientOptions();
        if (new HfClientOptionsValidator().Validate(OptionsFactory.DefaultName, settings) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(OptionsFactory.DefaultName, typeof(HfClientOptions), invalid.Failures);
        }

        _options = OptionsFactory.Create(settings);
        _hubOptions = OptionsFactory.Create(hubOptions ?? new HubClientOptions());
        _timeProvider = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory;
        _api = new(CreateApiClient);
        _streaming = new(CreateStreamingClient);
        _hub = new(() => new HubClient(_api.Value, _streaming.Value, new WhoAmICache(_timeProvider, _hubOptions), _options, _hubOptions, _timeProvider, _loggerFactory?.CreateLogger<HubClient>()));
        _jobs = new(() => new JobsClient(_api.Value, _streaming.Value, _loggerFactory?.CreateLogger<JobsClient>(), _timeProvider));
        _buckets = new(() => new BucketClient(_api.Value, _streaming.Value, _timeProvider, _options));
        _gradioHttp = new(() => new GradioHttpClients(settings, _timeProvider));
        _gradio = new(() => new GradioClientFactory(_gradioHttp.Value, Hub, _options, _timeProvider));
    }

    /// <summary>The options the clients were built with.</summary>
    public HfClientOptions Options => _options.Value;

    /// <summary>The Hub API: identity, repositories, commits, downloads, model info, Spaces.</summary>
    public HubClient Hub => Get(_hub);

    /// <summary>The Jobs API: run, inspect, cancel and follow Hugging Face Jobs.</summary>
    public JobsClient Jobs => Get(_jobs);

    /// <summary>The Storage Buckets API.</summary>
    public BucketClient Buckets => Get(_buckets);

    /// <summary>Connects to Gradio apps and Spaces.</summary>
    public IGradioClientFactory Gradio => Get(_gradio);

    /// <summary>Closes the connections of every client created so far; the clients cannot be used afterwards.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_api.IsValueCreated)
        {
            _api.Value.Dispose();
        }

        if (_streaming.IsValueCreated)
        {
            _streaming.Value.HttpClient.Dispose();
        }

        if (_gradioHttp.IsValueCreated)
        {
            _gradioHttp.Value.Dispose();
        }
    }

    private T Get<T>(Lazy<T> client)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return client.Value;
    }

    // The handler order is AddHuggingFace's: the token and user agent outermost, then retries and timeouts, then the pool.
    private HttpClient CreateApiClient()
    {
        var client = new HttpClient(new HfAuthenticationHandler(_options)
        {
            InnerHandler = new ResilienceHandler(HfResiliencePipeline.Build(_options.Value, _timeProvider))
            {
                InnerHandler = HfHttpClientSettings.CreateHubHandler(),
            },
        });
        HfHttpClientSettings.ConfigureApiClient(client, _options.Value);
        return client;
    }

    private HfStreamingHttpClient CreateStreamingClient()
    {
        var client = new HttpClient(new HfAuthenticationHandler(_options) { InnerHandler = HfHttpClientSettings.CreateHubHandler() });
        HfHttpClientSettings.ConfigureStreamingClient(client, _options.Value);
        return new HfStreamingHttpClient(client, _options, _timeProvider);
    }

    /// <summary>
    /// The two named clients <see cref="GradioClientFactory"/> asks for, built as <c>AddHuggingFace</c> registers them:
    /// each name has one handler chain for the life of these clients, and every <see cref="CreateClient"/> is a new
    /// <see cref="HttpClient"/> over it (as <see cref="IHttpClientFactory"/> does).
    /// </summary>
    private sealed class GradioHttpClients(HfClientOptions settings, TimeProvider timeProvider) : IHttpClientFactory, IDisposable
    {
        private readonly HttpMessageHandler _requests = new ResilienceHandler(HfResiliencePipeline.Build(settings, timeProvider))
        {
            InnerHandler = HfHttpClientSettings.CreateGradioHandler(),
        };

        private readonly HttpMessageHandler _streams = HfHttpClientSettings.CreateGradioHandler();

        public HttpClient CreateClient(string name) => new(name switch
        {
            GradioClientFactory.ClientName => _requests,
            GradioClientFactory.StreamClientName => _streams,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Only the Gradio clients are built here."),
        }, disposeHandler: false)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        public void Dispose()
        {
            _requests.Dispose();
            _streams.Dispose();
        }
    }
}
