using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>
/// The routes an app maps, as <c>METHOD /pattern</c> (a group's own route without its trailing slash), sorted: what
/// the route tables of docs/sandbox.md are checked against. Fallbacks (no method) are left out.
/// </summary>
internal static class RouteListing
{
    public static IReadOnlyList<string> Of(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => m + " " + Trimmed(e.RoutePattern.RawText ?? "")))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    private static string Trimmed(string pattern) => pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;
}
