using Microsoft.AspNetCore.HttpOverrides;
using SpaceFactory.Hf;
using SpaceFactory.Phases;
using SpaceFactory.Sandbox;
using SpaceFactory.Web.Auth;
using SpaceFactory.Web.Hosting;
using SpaceFactory.Web.Runs;

namespace SpaceFactory.Web;

/// <summary>
/// Builds the web orchestrator. With <c>OAUTH_CLIENT_ID</c>, <c>OAUTH_CLIENT_SECRET</c> and <c>OPENID_PROVIDER_URL</c>
/// (what a Space with <c>hf_oauth: true</c> receives) it signs people in with Hugging Face; without them it starts an
/// in-process Sandbox with its OAuth provider, so everything works offline.
/// </summary>
public static class WebApp
{
    /// <summary>Builds the app (not started).</summary>
    /// <param name="args">Command-line arguments; <c>--KEY=value</c> sets any setting, like an environment variable.</param>
    /// <param name="environmentName">Overrides the hosting environment (tests), else <c>ASPNETCORE_ENVIRONMENT</c>.</param>
    /// <param name="configure">Last changes to the builder (tests add log capture here).</param>
    /// <param name="cancellationToken">Cancels starting the offline Sandbox.</param>
    /// <returns>The app; stopping it also stops the offline Sandbox.</returns>
    public static async Task<WebApplication> BuildAsync(
        string[] args, string? environmentName = null, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = environmentName,
        });
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        var settings = WebSettings.FromConfiguration(builder.Configuration);
        HfSandbox? sandbox = null;
        if (settings is null)
        {
            (sandbox, settings) = await OfflineSandbox.StartAsync(cancellationToken).ConfigureAwait(false);
            builder.Services.AddSingleton(sandbox);
            builder.Services.AddSingleton<SandboxModelHints>();
        }

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddHuggingFace(o => o.Endpoint = settings.HubEndpoint).AddHfJobExecutor(o =>
        {
            o.Image = settings.JobImage;
            o.BucketSource = settings.BucketSource;
            o.Flavor = settings.JobFlavor;
            o.Timeout = settings.JobTimeout;
        });
        services.AddSingleton<RunIndex>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<RunReader>();
        services.AddHfSignIn(settings, builder.Environment);
        services.AddRazorPages(o => o.Conventions.AuthorizeFolder("/Runs").AuthorizeFolder("/Spaces"));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // A Space serves https through a proxy: redirect URIs and Secure cookies must see the original scheme.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });

        configure?.Invoke(builder);
        var app = builder.Build();
        if (sandbox is not null)
        {
            app.Lifetime.ApplicationStopped.Register(() => sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult());
        }

        if (!string.IsNullOrEmpty(app.Configuration["SPACE_ID"]) || string.Equals(app.Configuration["SPACE_FACTORY_FORWARDED_HEADERS"], "true", StringComparison.OrdinalIgnoreCase))
        {
            app.UseForwardedHeaders();
        }

        // In a Space the Hub's page embeds the app in a frame: only the Hub's own origin may do so (X-Frame-Options
        // cannot name an origin, so it is sent only outside a Space, where no one may frame the app).
        var embeddedInSpace = !string.IsNullOrEmpty(app.Configuration["SPACE_ID"]);
        var frameAncestors = embeddedInSpace ? "'self' " + settings.HubEndpoint.GetLeftPart(UriPartial.Authority) : "'none'";
        var contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self' " + settings.ProviderUrl.GetLeftPart(UriPartial.Authority)
            + "; frame-ancestors " + frameAncestors;
        app.Use(async (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "same-origin";
            context.Response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
            if (!embeddedInSpace)
            {
                context.Response.Headers.XFrameOptions = "DENY"; // outside a Space nothing frames the app
            }

            await next(context).ConfigureAwait(false);
        });
        // Empty error answers would show as browser error pages: give them a small page (same page for unknown and foreign runs).
        app.UseStatusCodePages("text/html; charset=utf-8",
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>{0} · SpaceFactory</title><link rel=\"stylesheet\" href=\"/assets/site.css\"></head>"
            + "<body><main><h1 id=\"status-code\">{0}</h1><p>There is nothing here for you.</p><p><a href=\"/\">Home</a></p></main></body></html>");
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        WebEndpoints.Map(app);
        app.MapRazorPages();
        return app;
    }
}
