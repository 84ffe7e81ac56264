using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using SpaceFactory.Hf.Http;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Hf;

/// <summary>Registers the typed Hugging Face clients with <see cref="IHttpClientFactory"/>.</summary>
public static class HfServiceCollectionExtensions
{
    /// <summary>Name of the HTTP client used for long-lived streams (logs, SSE results).</summary>
    public const string StreamingClientName = "SpaceFactory.Hf.Streaming";

    /// <summary>
    /// Adds the Hugging Face clients (Hub, Jobs, Buckets) with shared options, authentication, retries and a
    /// separate streaming client. Options are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets <see cref="HfClientOptions"/>; unset values fall back to <c>HF_ENDPOINT</c>/<c>HF_TOKEN</c>.</param>
    /// <returns>A builder for further SpaceFactory registrations.</returns>
    public static IHfBuilder AddHuggingFace(this IServiceCollection services, Action<HfClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<HfClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(services);
    }

    /// <summary>
    /// Adds the Hugging Face clients with options bound from a configuration section (e.g. <c>SpaceFactory:Hf</c>);
    /// its <c>Hub</c> sub-section binds <see cref="HubClientOptions"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <see cref="HfClientOptions"/> values.</param>
    /// <returns>A builder for further SpaceFactory registrations.</returns>
    public static IHfBuilder AddHuggingFace(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HfClientOptions>().Bind(configuration);
        services.AddOptions<HubClientOptions>().Bind(configuration.GetSection("Hub"));
        return AddCore(services);
    }

    /// <summary>
    /// Registers <typeparamref name="TClient"/> as a typed client of the Hub API: base address, user agent,
    /// token for the Hub host only, retries for idempotent requests and per-attempt/total timeouts.
    /// </summary>
    internal static IHttpClientBuilder AddHfApiClient<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TClient>(
        this IServiceCollection services)
        where TClient : class
    {
        var builder = services
            .AddHttpClient<TClient>(static (provider, client) =>
                HfHttpClientSettings.ConfigureApiClient(client, provider.GetRequiredService<IOptions<HfClientOptions>>().Value))
            .UseLongLivedConnections()
            .AddHttpMessageHandler<HfAuthenticationHandler>()
            .AddHfResilience();
        return builder;
    }

    /// <summary>
    /// Keeps one pooled handler per client for the host's lifetime and lets the sockets recycle themselves instead
    /// (<see cref="HfHttpClientSettings.ConnectionLifetime"/>), so that clients held by long-lived objects (steps inside
    /// recipes) keep keep-alive connections and still follow DNS changes.
    /// </summary>
    internal static IHttpClientBuilder UseLongLivedConnections(this IHttpClientBuilder builder) =>
        builder
            .UseDefaultPrimaryHandler(HfHttpClientSettings.CreateHubHandler)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

    /// <summary>The Hub address as a base address: relative request paths resolve under it.</summary>
    internal static Uri WithTrailingSlash(Uri endpoint) =>
        endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");

    private static HfBuilder AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HfClientOptions>, HfClientOptionsValidator>());
        services.AddOptions<HfClientOptions>().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        if (services.Any(d => d.ServiceType == typeof(HfMarker)))
        {
            return new HfBuilder(services);
        }

        services.AddSingleton<HfMarker>();
        services.TryAddTransient<HfAuthenticationHandler>();
        services
            .AddHttpClient<HfStreamingHttpClient>(StreamingClientName, static (provider, client) =>
                HfHttpClientSettings.ConfigureStreamingClient(client, provider.GetRequiredService<IOptions<HfClientOptions>>().Value))
            .UseLongLivedConnections()
            .AddHttpMessageHandler<HfAuthenticationHandler>();

        // Typed API clients (one line each).
        services.TryAddSingleton<WhoAmICache>();
        services.AddHfApiClient<HubClient>();
        services.AddHfApiClient<Jobs.JobsClient>();
        services.AddHfApiClient<Buckets.BucketClient>();
        AddGradio(services);
        return new HfBuilder(services);
    }

    /// <summary>The Gradio apps' clients: no base address, no redirects (the token must not follow one), retries for GETs only.</summary>
    private static void AddGradio(IServiceCollection services)
    {
        services.TryAddSingleton<Gradio.IGradioClientFactory, Gradio.GradioClientFactory>();
        services.AddHttpClient(Gradio.GradioClientFactory.ClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseDefaultPrimaryHandler(HfHttpClientSettings.CreateGradioHandler)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHfResilience();
        services.AddHttpClient(Gradio.GradioClientFactory.StreamClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseDefaultPrimaryHandler(HfHttpClientSettings.CreateGradioHandler)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }

    private sealed class HfMarker;

    private sealed class HfBuilder(IServiceCollection services) : IHfBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
