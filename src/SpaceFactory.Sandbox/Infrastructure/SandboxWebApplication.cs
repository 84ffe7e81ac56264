using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>The builder of every Kestrel server the Sandbox starts (itself and one per Space app).</summary>
internal static class SandboxWebApplication
{
    /// <summary>
    /// A slim builder without configuration file watchers: each watcher is an inotify instance, the default limit is
    /// 128 per user, and a Sandbox with a hundred Spaces (beside other test processes) ran out, so that new Spaces
    /// failed to start their app server.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        return builder;
    }
}
