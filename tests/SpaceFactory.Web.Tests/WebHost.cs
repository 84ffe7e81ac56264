using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpaceFactory.Sandbox;
using SpaceFactory.Web.Hosting;

namespace SpaceFactory.Web.Tests;

/// <summary>A Sandbox with its OAuth provider (users alice and bob) and the web app pointed at it, both on loopback.</summary>
internal sealed class WebHost : IAsyncDisposable
{
    public const string ClientId = "web-tests";
    private const string ClientSecret = "web-tests-secret";

    private WebHost(HfSandbox sandbox, WebApplication app, Uri baseUrl, ConcurrentQueue<string> logs)
    {
        Sandbox = sandbox;
        App = app;
        BaseUrl = baseUrl;
        Logs = logs;
    }

    public HfSandbox Sandbox { get; }

    public WebApplication App { get; }

    public Uri BaseUrl { get; }

    /// <summary>Every log line the web app wrote (formatted), to prove no token is logged.</summary>
    public ConcurrentQueue<string> Logs { get; }

    public static async Task<WebHost> StartAsync(ISet<string>? grantedScopes = null, string environment = "Development", params string[] extraArgs)
    {
        var options = new HfSandboxOptions { CompileCheck = false };
        options.OAuth.Clients[ClientId] = ClientSecret;
        options.OAuth.RedirectUris[ClientId] = [.. OfflineSandbox.LocalCallbacks];
        options.OAuth.Users.Add("alice");
        options.OAuth.Users.Add("bob");
        options.OAuth.GrantedScopes = grantedScopes;
        OfflineSandbox.MapWorkerImage(options);
        var sandbox = await HfSandbox.StartAsync(options);
        var logs = new ConcurrentQueue<string>();
        var endpoint = sandbox.Endpoint.ToString().TrimEnd('/');
        string[] args =
        [
            $"--OAUTH_CLIENT_ID={ClientId}", $"--OAUTH_CLIENT_SECRET={ClientSecret}", $"--OPENID_PROVIDER_URL={endpoint}",
            $"--HF_ENDPOINT={endpoint}", $"--SPACE_FACTORY_JOB_IMAGE={WebSettings.SandboxWorkerImage}", .. extraArgs,
        ];
        var app = await WebApp.BuildAsync(args, environment, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddProvider(new QueueLoggerProvider(logs));
        });
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebHost(sandbox, app, new Uri(address), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
