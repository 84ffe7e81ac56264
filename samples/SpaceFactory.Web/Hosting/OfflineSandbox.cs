using SpaceFactory.Sandbox;

namespace SpaceFactory.Web.Hosting;

/// <summary>
/// The offline mode: an in-process Sandbox with its OAuth provider and two users to sign in as, whose Jobs run this
/// app's bundled CLI worker as a local process.
/// </summary>
internal static class OfflineSandbox
{
    public const string ClientId = "spacefactory-web-local";

    /// <summary>The app's callback as registered with the Sandbox's OAuth client (any local port).</summary>
    public static readonly string[] LocalCallbacks = ["http://localhost/signin-oidc", "http://127.0.0.1/signin-oidc", "https://localhost/signin-oidc"];

    /// <summary>Users offered on the Sandbox's sign-in page.</summary>
    public static readonly string[] Users = ["sandbox-user", "second-user"];

    public static async Task<(HfSandbox Sandbox, WebSettings Settings)> StartAsync(CancellationToken cancellationToken)
    {
        var secret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var options = new HfSandboxOptions { DefaultUser = Users[0] };
        options.OAuth.Clients[ClientId] = secret;
        options.OAuth.RedirectUris[ClientId] = [.. LocalCallbacks];
        foreach (var user in Users)
        {
            options.OAuth.Users.Add(user);
        }

        MapWorkerImage(options);
        var sandbox = await HfSandbox.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return (sandbox, new WebSettings
        {
            ClientId = ClientId,
            ClientSecret = secret,
            ProviderUrl = sandbox.Endpoint,
            HubEndpoint = sandbox.Endpoint,
            JobImage = WebSettings.SandboxWorkerImage,
            IsSandbox = true,
        });
    }

    /// <summary>
    /// Makes <see cref="WebSettings.SandboxWorkerImage"/> run the bundled CLI (<c>spacefactory.dll worker …</c>). It runs
    /// with this app's dependency manifest and runtime config: the web build takes shared-framework assemblies from
    /// ASP.NET Core instead of copying them, which the CLI's own manifest would look for next to it.
    /// </summary>
    public static void MapWorkerImage(HfSandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = AppContext.BaseDirectory;
        var cli = Path.Combine(folder, "spacefactory.dll");
        var deps = Path.Combine(folder, "SpaceFactory.Web.deps.json");
        var runtimeConfig = Path.Combine(folder, "SpaceFactory.Web.runtimeconfig.json");
        var host = Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? process : "dotnet";
        string[] launcher = File.Exists(deps) && File.Exists(runtimeConfig) ? [host, "exec", "--runtimeconfig", runtimeConfig, "--depsfile", deps, cli] : [host, cli];
        options.JobImageCommandMap[WebSettings.SandboxWorkerImage] = argv => [.. launcher, .. argv.SkipWhile(a => !string.Equals(a, "worker", StringComparison.Ordinal))];
    }
}
