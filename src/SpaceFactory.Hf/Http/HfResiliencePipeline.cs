using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace SpaceFactory.Hf.Http;

/// <summary>
/// The one resilience pipeline of the Hub, Jobs, Bucket and Gradio request clients: a total timeout, the retries of
/// <see cref="HfRetryStrategy"/> (when <see cref="HfClientOptions.MaxRetries"/> allows any) and a per-attempt timeout.
/// The handler builds it once per client, from the options and the host's <see cref="TimeProvider"/>.
/// </summary>
internal static class HfResiliencePipeline
{
    /// <summary>Adds the strategies to <paramref name="pipeline"/>; pass it to <c>AddResilienceHandler</c>.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var settings = context.ServiceProvider.GetRequiredService<IOptions<HfClientOptions>>().Value;
        var timeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        pipeline.AddTimeout(settings.RequestTimeout);
        if (settings.MaxRetries > 0)
        {
            pipeline.AddRetry(HfRetryStrategy.Create(settings, timeProvider));
        }

        pipeline.AddTimeout(settings.AttemptTimeout);
    }
}
