using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace SpaceFactory.Hf;

/// <summary>
/// Sets the SDK's primary handler for one named client as a default, not an override: the action is put first in the
/// client's handler actions, so a primary handler the application configures for the same client (before or after
/// <c>AddHuggingFace</c>, or for all clients with <c>ConfigureHttpClientDefaults</c>) runs later and wins.
/// <c>ConfigurePrimaryHttpMessageHandler</c> would append, and whichever registration came last would silently win.
/// </summary>
internal static class DefaultPrimaryHandler
{
    public static IHttpClientBuilder UseDefaultPrimaryHandler(this IHttpClientBuilder builder, Func<HttpMessageHandler> create)
    {
        builder.Services.Configure<HttpClientFactoryOptions>(
            builder.Name,
            options => options.HttpMessageHandlerBuilderActions.Insert(0, handlers => handlers.PrimaryHandler = create()));
        return builder;
    }
}
