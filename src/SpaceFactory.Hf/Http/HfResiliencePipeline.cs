using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace SpaceFactory.Hf.Http;

/// <summary>
/// The one resilience pipeline of the Hub, Jobs, Bucket and Gradio request clients: a total timeout, the retries of
/// <see cref="HfRetryStrategy"/> (when <see cref="HfClientOptions.MaxRetries"/> allows any) and a per-attempt timeout.
/// Built once per client, from the options and the host's <see cref="TimeProvider"/>, with Polly.Core's own builder:
/// <c>AddResilienceHandler</c> would also load a pipeline registry, metering and telemetry enrichment, which cost a
/// cold process more to build than the pipeline itself (docs/native.md, "Cold start").
/// </summary>
internal static class HfResiliencePipeline
{
    /// <summary>Adds the pipeline as a handler of the client; the handler's lifetime is the client's.</summary>
    public static IHttpClientBuilder AddHfResilience(this IHttpClientBuilder builder) =>
        builder.AddHttpMessageHandler(static provider => new ResilienceHandler(Build(provider)));

    /// <summary>The pipeline for one client.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Build(IServiceProvider provider) =>
        Build(provider.GetRequiredService<IOptions<HfClientOptions>>().Value, provider.GetService<TimeProvider>() ?? TimeProvider.System);

    /// <summary>The pipeline for one client, from its settings and clock.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Build(HfClientOptions settings, TimeProvider timeProvider)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        pipeline.AddTimeout(settings.RequestTimeout);
        if (settings.MaxRetries > 0)
        {
            pipeline.AddRetry(HfRetryStrategy.Create(settings, timeProvider));
        }

        pipeline.AddTimeout(settings.AttemptTimeout);
        return pipeline.Build();
    }
}
