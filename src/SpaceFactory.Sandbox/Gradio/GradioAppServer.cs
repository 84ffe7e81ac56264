using System.Globalization;
using System.Net;
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
/// <remarks>
/// A gate (<see cref="GateAsync"/>) answers what does not depend on the route (access, stage, real app, static
/// files); the simulated protocol is on route groups, one per API prefix (<see cref="GradioApiGroup"/>), its routes
/// in one file per concern: <see cref="GradioPageRoutes"/>, <see cref="GradioQueueRoutes"/>,
/// <see cref="GradioCallRoutes"/>, <see cref="GradioFileRoutes"/>.
/// </remarks>
internal sealed class GradioAppServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SpaceRuntime _space;
    private readonly SandboxServices _services;
    private readonly string _uploads;
    private readonly GradioFileRoutes _files;

    private GradioAppServer(WebApplication app, SpaceRuntime space, SandboxServices services)
    {
        _app = app;
        _space = space;
        _services = services;
        _uploads = Path.Combine(services.DataRoot, "space-uploads", space.Repo.ObjectId);
        _files = new GradioFileRoutes(space, _uploads);
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
        app.Use(server.GateAsync);
        app.UseRouting();
        server.MapRoutes(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        server.Origin = "http://127.0.0.1:" + server.Port.ToString(CultureInfo.InvariantCulture);
        return server;
    }

    /// <summary>Every route this app server maps (<see cref="RouteListing"/>).</summary>
    public IReadOnlyList<string> MappedRoutes() => RouteListing.Of(_app.Services);

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

    private void MapRoutes(WebApplication app)
    {
        var files = new SimulatedFiles(_uploads, () => Origin + (_space.Manifest?.ApiPrefix ?? string.Empty));
        var pages = new GradioPageRoutes(_space, () => Origin);
        var queue = new GradioQueueRoutes(files);
        var calls = new GradioCallRoutes(files);
        pages.MapRoot(app);
        foreach (var api in GradioApiGroup.MapBoth(app, _space))
        {
            pages.Map(api);
            queue.Map(api);
            calls.Map(api);
            _files.Map(api);
        }

        // Any other path or method: Starlette's 404 (never ASP.NET's 405).
        app.MapFallback("{**path}", GradioRequestErrors.NotFoundAsync);
    }

    private async Task GateAsync(HttpContext context, RequestDelegate next)
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

        if (_space.IsStatic || _space.Manifest is null)
        {
            await _files.ServeStaticAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
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
}
