using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpaceFactory.Sandbox.Infrastructure;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// What describes one simulated app: <c>GET /config</c> and the page at <c>/</c> (unprefixed in every Gradio version),
/// <c>GET {prefix}/info</c> and <c>{prefix}/app_id</c>.
/// </summary>
internal sealed class GradioPageRoutes(SpaceRuntime space, Func<string> origin)
{
    public void MapRoot(IEndpointRouteBuilder app)
    {
        app.MapGet("/config", context => WithManifestAsync(context, manifest =>
            SandboxHttp.WriteNodeAsync(context, GradioConfigBuilder.Build(manifest, origin(), space.Repo.Id, AppId()))));
        app.MapGet("/", context => WithManifestAsync(context, manifest =>
            SandboxHttp.WriteTextAsync(context, "<!doctype html><title>" + WebUtility.HtmlEncode(manifest.Title) + "</title><p>Simulated Gradio app (SpaceFactory Sandbox): no real inference runs here.</p>", contentType: "text/html; charset=utf-8")));
    }

    public void Map(GradioApiGroup api)
    {
        api.Get("/info", (context, manifest) => SandboxHttp.WriteNodeAsync(context, manifest.Info));
        api.Get("/app_id", (context, _) => SandboxHttp.WriteNodeAsync(context, new JsonObject { ["app_id"] = AppId() }));
    }

    private Task WithManifestAsync(HttpContext context, Func<GradioManifest, Task> answer)
        => space.Manifest is { } manifest ? answer(manifest) : GradioRequestErrors.NotFoundAsync(context);

    private long AppId() => Math.Abs((long)space.Repo.ObjectId.GetHashCode(StringComparison.Ordinal)) * 1000003L;
}
