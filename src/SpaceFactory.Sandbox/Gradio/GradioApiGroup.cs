using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// One API route group of a simulated app: <c>/gradio_api</c> (Gradio 5 and later) or the unprefixed paths of Gradio
/// 4.x. Both groups are mapped on every app server; a route answers only while the Space's manifest uses its group's
/// prefix (a rebuilt Space may change Gradio version), else Starlette's 404, as a real server has no such route.
/// </summary>
internal sealed class GradioApiGroup(RouteGroupBuilder group, string prefix, SpaceRuntime space)
{
    /// <summary>The prefix of every API route of Gradio 5 and later.</summary>
    public const string ModernPrefix = "/gradio_api";

    /// <summary>Maps the two groups of one app server.</summary>
    public static IReadOnlyList<GradioApiGroup> MapBoth(IEndpointRouteBuilder app, SpaceRuntime space)
        => [new(app.MapGroup(ModernPrefix), ModernPrefix, space), new(app.MapGroup(""), "", space)];

    public void Get(string pattern, Func<HttpContext, GradioManifest, Task> handler) => group.MapGet(pattern, Answer(handler));

    public void Post(string pattern, Func<HttpContext, GradioManifest, Task> handler) => group.MapPost(pattern, Answer(handler));

    public void GetOrHead(string pattern, Func<HttpContext, GradioManifest, Task> handler)
        => group.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], Answer(handler));

    /// <summary>The request path after the manifest's API prefix, e.g. <c>/call/predict/abc</c>.</summary>
    public static string Route(HttpContext context, GradioManifest manifest) => (context.Request.Path.Value ?? "/")[manifest.ApiPrefix.Length..];

    /// <summary>
    /// A catch-all route also matches its bare stem (<c>/run</c> for <c>/run/{**rest}</c>), which Gradio's
    /// <c>startswith</c> checks do not: this answers 404 there.
    /// </summary>
    public static Func<HttpContext, GradioManifest, Task> Below(string start, Func<HttpContext, GradioManifest, Task> handler)
        => (context, manifest) => Route(context, manifest).StartsWith(start, StringComparison.Ordinal)
            ? handler(context, manifest)
            : GradioRequestErrors.NotFoundAsync(context);

    private RequestDelegate Answer(Func<HttpContext, GradioManifest, Task> handler) => context =>
        space.Manifest is { } manifest && string.Equals(manifest.ApiPrefix, prefix, StringComparison.Ordinal)
            ? handler(context, manifest)
            : GradioRequestErrors.NotFoundAsync(context);
}
