using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Sandbox.Infrastructure;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// The app origin of one Space: its own Kestrel listener on a free loopback port. While the Space is
/// <c>RUNNING</c> it serves the simulated Gradio protocol from the manifest (or the files of a static Space);
/// otherwise it answers 503. Private Spaces need a Bearer token of a user with access, else 404.
/// </summary>
internal sealed class GradioAppServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SpaceRuntime _space;
    private readonly SandboxServices _services;
    private readonly GradioCallRoutes _calls;
    private readonly GradioQueueRoutes _queue;
    private readonly GradioFileRoutes _files;

    private GradioAppServer(WebApplication app, SpaceRuntime space, SandboxServices services)
    {
        _app = app;
        _space = space;
        _services = services;
        var uploads = Path.Combine(services.DataRoot, "space-uploads", space.Repo.ObjectId);
        var files = new SimulatedFiles(uploads, () => Origin + (_space.Manifest?.ApiPrefix ?? string.Empty));
        _calls = new GradioCallRoutes(files);
        _queue = new GradioQueueRoutes(files);
        _files = new GradioFileRoutes(space, uploads);
    }

    /// <summary>The app origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Origin { get; private set; } = "";

    public int Port { get; private set; }

    public static async Task<GradioAppServer> StartAsync(SpaceRuntime space, SandboxServices services, CancellationToken cancellationToken)
    {
        var builder = SandboxWebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        var server = new GradioAppServer(app, space, services);
        var faults = new FaultInjector(services.Options.Faults, services.FaultRandom, services.FaultGate, services.Statistics, spaceApp: true);
        app.Use(faults.InvokeAsync);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        server.Origin = "http://127.0.0.1:" + server.Port.ToString(CultureInfo.InvariantCulture);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (_services.Options.GradioPython is null)
        {
            context.Response.Headers["X-SpaceFactory-Simulated"] = "true";
        }

        _services.Statistics.CountRequest("SPACE-APP " + context.Request.Method + " " + context.Request.Path.Value);
        if (_space.Repo.Private && !HasAccess(context.Request))
        {
            await SandboxHttp.WriteTextAsync(context, "Not Found: this Space is private; send a Bearer token (Authorization or X-HF-Authorization) of a user with access.", StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        var stage = _space.Stage;
        var manifest = _space.Manifest;
        if (stage is not "RUNNING")
        {
            await SandboxHttp.WriteTextAsync(context, $"Space {_space.Repo.Id} is not running (stage {stage}).", StatusCodes.Status503ServiceUnavailable).ConfigureAwait(false);
            return;
        }

        if (_space.RealApp is { } real)
        {
            await RealAppProxy.ForwardAsync(context, real.Origin).ConfigureAwait(false);
            return;
        }

        if (_space.IsStatic || manifest is null)
        {
            await _files.ServeStaticAsync(context).ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        var prefix = manifest.ApiPrefix;
        if (path is "/config" or "/config/" && HttpMethods.IsGet(method))
        {
            await SandboxHttp.WriteNodeAsync(context, GradioConfigBuilder.Build(manifest, Origin, _space.Repo.Id, AppId())).ConfigureAwait(false);
            return;
        }

        if (path is "/" or "" && HttpMethods.IsGet(method))
        {
            await SandboxHttp.WriteTextAsync(context, "<!doctype html><title>" + WebUtility.HtmlEncode(manifest.Title) + "</title><p>Simulated Gradio app (SpaceFactory Sandbox): no real inference runs here.</p>", contentType: "text/html; charset=utf-8").ConfigureAwait(false);
            return;
        }

        if (!path.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            await GradioRequestErrors.NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        var route = path[prefix.Length..];
        switch (method)
        {
            case "GET" when route is "/info" or "/info/":
                await SandboxHttp.WriteNodeAsync(context, manifest.Info).ConfigureAwait(false);
                return;
            case "POST" when route.StartsWith("/call/v2/", StringComparison.Ordinal):
                await _calls.CallV2Async(context, manifest, route["/call/v2/".Length..].TrimEnd('/')).ConfigureAwait(false);
                return;
            case "POST" when route.StartsWith("/call/", StringComparison.Ordinal) && route.Count(c => c == '/') == 2:
                await _calls.CallAsync(context, manifest, route["/call/".Length..].TrimEnd('/')).ConfigureAwait(false);
                return;
            case "GET" when route.StartsWith("/call/", StringComparison.Ordinal):
                await _calls.ResultAsync(context, manifest, route[(route.LastIndexOf('/') + 1)..]).ConfigureAwait(false);
                return;
            case "POST" when route.StartsWith("/run/", StringComparison.Ordinal) || route.StartsWith("/api/", StringComparison.Ordinal):
                // On Spaces api_open is False: the direct route refuses queued functions (routes.py::predict).
                await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = "This API endpoint does not accept direct HTTP POST requests. Please join the queue to use this API." }, StatusCodes.Status404NotFound).ConfigureAwait(false);
                return;
            case "GET" when route is "/upload_progress":
                context.Response.ContentType = "text/event-stream; charset=utf-8";
                await context.Response.WriteAsync("data: {\"msg\": \"done\"}\n\n", context.RequestAborted).ConfigureAwait(false);
                return;
            case "POST" when route is "/queue/join" or "/queue/join/":
                await _queue.JoinAsync(context, manifest).ConfigureAwait(false);
                return;
            case "GET" when route is "/queue/data" or "/queue/data/":
                await _queue.DataAsync(context).ConfigureAwait(false);
                return;
            case "GET" when route is "/queue/status":
                await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["msg"] = "estimation", ["event_id"] = null, ["rank"] = null, ["queue_size"] = 0, ["rank_eta"] = null }).ConfigureAwait(false);
                return;
            case "GET" when route.StartsWith("/heartbeat/", StringComparison.Ordinal):
                await GradioQueueRoutes.HeartbeatAsync(context).ConfigureAwait(false);
                return;
            case "POST" when route is "/upload" or "/upload/":
                await _files.UploadAsync(context).ConfigureAwait(false);
                return;
            case "GET" or "HEAD" when route.StartsWith("/file=", StringComparison.Ordinal):
                await _files.DownloadAsync(context, Uri.UnescapeDataString(route["/file=".Length..])).ConfigureAwait(false);
                return;
            case "GET" when route is "/app_id":
                await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["app_id"] = AppId() }).ConfigureAwait(false);
                return;
            default:
                await GradioRequestErrors.NotFoundAsync(context).ConfigureAwait(false);
                return;
        }
    }

    private bool HasAccess(HttpRequest request)
    {
        var (caller, _) = _services.Tokens.Authenticate(request, "X-HF-Authorization");
        if (caller is null)
        {
            (caller, _) = _services.Tokens.Authenticate(request, null);
        }

        return caller is not null && string.Equals(caller.User, _space.Repo.Namespace, StringComparison.OrdinalIgnoreCase);
    }

    private long AppId() => Math.Abs((long)_space.Repo.ObjectId.GetHashCode(StringComparison.Ordinal)) * 1000003L;
}
