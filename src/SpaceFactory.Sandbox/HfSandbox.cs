using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Sandbox.Auth;
using SpaceFactory.Sandbox.Buckets;
using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Infrastructure;
using SpaceFactory.Sandbox.Jobs;
using SpaceFactory.Sandbox.Llm;
using SpaceFactory.Sandbox.Persistence;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox;

/// <summary>
/// A local emulator of the Hugging Face endpoints (Hub, Space runtime, simulated Gradio apps, Jobs, Buckets),
/// listening on <c>127.0.0.1</c>. Start it with <see cref="StartAsync"/>, point a client's endpoint at
/// <see cref="Endpoint"/> with <see cref="DefaultToken"/>, dispose it to stop it and delete its data.
/// </summary>
public sealed class HfSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxServices _services;
    private readonly bool _deleteDataRoot;
    private int _disposed;

    private HfSandbox(WebApplication app, SandboxServices services, string defaultToken, bool deleteDataRoot)
    {
        _app = app;
        _services = services;
        _deleteDataRoot = deleteDataRoot;
        DefaultToken = defaultToken;
        Endpoint = new Uri(services.BaseUrl);
        Inspector = new SandboxInspector(services);
    }

    /// <summary>The Hub endpoint, e.g. <c>http://127.0.0.1:41234</c> (use it as <c>HF_ENDPOINT</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>The default user (<see cref="HfSandboxOptions.DefaultUser"/>).</summary>
    public string DefaultUser => _services.Options.DefaultUser;

    /// <summary>A write token of <see cref="DefaultUser"/>.</summary>
    public string DefaultToken { get; }

    /// <summary>The folder holding repos, buckets and Job folders.</summary>
    public string DataRoot => _services.DataRoot;

    /// <summary>Counters and waits for tests.</summary>
    public SandboxInspector Inspector { get; }

    /// <summary>Starts a Sandbox on a free loopback port (or <see cref="HfSandboxOptions.Port"/>).</summary>
    /// <param name="options">Options; null uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running Sandbox.</returns>
    public static async Task<HfSandbox> StartAsync(HfSandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new HfSandboxOptions();
        Validate(options);
        var createdRoot = options.DataRoot is null;
        var dataRoot = Path.GetFullPath(options.DataRoot ?? Path.Combine(Path.GetTempPath(), "spacefactory-sandbox-" + HexIds.New(12)));
        Directory.CreateDirectory(dataRoot);
        var services = new SandboxServices(options, dataRoot);
        var token = services.Tokens.Issue(options.DefaultUser, SandboxTokenRole.Write, options.DefaultToken);

        var builder = SandboxWebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.UseRouting();
        app.Use(new RequestTracking(services.Statistics).InvokeAsync);
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                services.Changed(); // a persistent Sandbox saves what the request changed
            }
        });
        app.Use((context, next) => RejectUnknownTokensAsync(context, next, services));
        app.Use(new FaultInjector(options.Faults, services.FaultRandom, services.FaultGate, services.Statistics, spaceApp: false).InvokeAsync);
        new HubRepoEndpoints(services).Map(app);
        new CommitEndpoints(services).Map(app);
        new RepoTreeEndpoints(services).Map(app);
        new RepoListEndpoints(services).Map(app);
        new DuplicateEndpoints(services).Map(app);
        new RefsEndpoints(services).Map(app);
        YamlValidationEndpoints.Map(app);
        new LfsEndpoints(services).Map(app);
        new ResolveEndpoints(services).Map(app);
        new SpaceEndpoints(services).Map(app);
        new JobEndpoints(services).Map(app);
        new ScheduledJobEndpoints(services).Map(app);
        new BucketEndpoints(services).Map(app);
        new ChatCompletionEndpoints(services).Map(app);
        new OAuthEndpoints(services).Map(app);
        app.MapFallback(context => SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, $"Sorry, the Sandbox does not emulate {context.Request.Method} {context.Request.Path}"));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        services.BaseUrl = "http://127.0.0.1:" + new Uri(address).Port.ToString(CultureInfo.InvariantCulture);
        var sandbox = new HfSandbox(app, services, token, options.DeleteDataRootOnDispose ?? createdRoot);
        try
        {
            if (options.SeedModels)
            {
                await SeedCatalog.LoadAsync(services, cancellationToken).ConfigureAwait(false);
            }

            if (options.PersistState)
            {
                await StateLoader.LoadAsync(services, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return sandbox;
    }

    /// <summary>
    /// Runs a Sandbox as a standalone server until <paramref name="cancellationToken"/> is cancelled, after writing its
    /// URL, user and token to <paramref name="output"/>.
    /// </summary>
    /// <param name="options">Options (give <see cref="HfSandboxOptions.Port"/> for a fixed port).</param>
    /// <param name="output">Where to print the endpoint and token (e.g. <see cref="Console.Out"/>).</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>A task that completes once the server stopped.</returns>
    public static async Task RunAsync(HfSandboxOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var sandbox = await StartAsync(options, cancellationToken).ConfigureAwait(false);
        await using (sandbox.ConfigureAwait(false))
        {
            await output.WriteLineAsync($"SpaceFactory Sandbox listening on {sandbox.Endpoint}").ConfigureAwait(false);
            await output.WriteLineAsync($"  user:  {sandbox.DefaultUser}").ConfigureAwait(false);
            await output.WriteLineAsync($"  token: {sandbox.DefaultToken}").ConfigureAwait(false);
            await output.WriteLineAsync($"  data:  {sandbox.DataRoot}").ConfigureAwait(false);
            await output.WriteLineAsync($"  export HF_ENDPOINT={sandbox.Endpoint.ToString().TrimEnd('/')} HF_TOKEN={sandbox.DefaultToken}").ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stop requested.
            }
        }
    }

    /// <summary>Runs a Sandbox as a standalone server, printing to the console, until cancelled.</summary>
    /// <param name="options">Options.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>A task that completes once the server stopped.</returns>
    public static Task RunAsync(HfSandboxOptions options, CancellationToken cancellationToken) => RunAsync(options, Console.Out, cancellationToken);

    /// <summary>Every route the Hub app maps (<see cref="RouteListing"/>).</summary>
    internal IReadOnlyList<string> MappedRoutes() => RouteListing.Of(_app.Services);

    /// <summary>Every route the app server of <paramref name="spaceId"/> maps (<see cref="RouteListing"/>).</summary>
    internal IReadOnlyList<string> MappedAppRoutes(string spaceId) =>
        _services.Spaces.Find(spaceId)?.App?.MappedRoutes() ?? throw new ArgumentException($"No app server for '{spaceId}'.", nameof(spaceId));

    /// <summary>Issues a new token (<c>hf_sandbox_…</c>) for <paramref name="user"/>, creating the user if needed.</summary>
    /// <param name="user">The user name (also its namespace).</param>
    /// <param name="role">Read or write.</param>
    /// <returns>The token.</returns>
    public string IssueToken(string user, SandboxTokenRole role = SandboxTokenRole.Write)
    {
        if (RepoNameRules.Check(user, "user name") is { } problem)
        {
            throw new ArgumentException(problem, nameof(user));
        }

        return _services.Tokens.Issue(user, role);
    }

    /// <summary>Lets <paramref name="user"/> download the files of a gated repo.</summary>
    /// <param name="user">The user name.</param>
    /// <param name="repoId">The repo id (<c>owner/name</c>).</param>
    /// <param name="repoType"><c>model</c> (default), <c>dataset</c> or <c>space</c>.</param>
    public void GrantGatedAccess(string user, string repoId, string repoType = "model")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var repo = FindRepo(repoId, repoType);
        lock (repo.Gate)
        {
            repo.GatedAccess.Add(user);
        }
    }

    /// <summary>Adds a Space failure rule at run time (applies to the next builds).</summary>
    /// <param name="rule">The rule.</param>
    public void InjectSpaceFailure(SpaceFailureRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_services.Options.SpaceFailures)
        {
            _services.Options.SpaceFailures.Add(rule);
        }
    }

    /// <summary>Registers (or replaces) the script the OpenAI-compatible <c>/v1/chat/completions</c> plays for <paramref name="model"/>.</summary>
    /// <param name="model">The model id (or <c>model#task</c>, see <see cref="BuiltInAgentScripts"/>).</param>
    /// <param name="script">The turns.</param>
    public void RegisterLlmScript(string model, LlmScript script)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(script);
        _services.Llm.Register(model, script);
    }

    /// <summary>Adds a fault injection rule at run time (after the rules already there).</summary>
    /// <param name="rule">The rule.</param>
    public void AddFaultRule(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_services.Options.Faults)
        {
            _services.Options.Faults.Add(rule);
        }
    }

    /// <summary>Removes every fault injection rule (requests are answered normally from now on).</summary>
    public void ClearFaultRules()
    {
        lock (_services.Options.Faults)
        {
            _services.Options.Faults.Clear();
        }
    }

    /// <summary>Stops the servers and Jobs, and deletes the data folder when the Sandbox created it.</summary>
    /// <returns>A task that completes once everything stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_services.Persister is { } persister)
        {
            await persister.DisposeAsync().ConfigureAwait(false); // the last save, before the Jobs and Spaces stop
        }

        _services.ScheduledJobs.StopAll();
        _services.Jobs.StopAll();
        await _services.Spaces.DisposeAllAsync().ConfigureAwait(false);
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        if (_deleteDataRoot)
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    Directory.Delete(_services.DataRoot, recursive: true);
                    break;
                }
                catch (DirectoryNotFoundException)
                {
                    break;
                }
                catch (IOException) when (attempt < 2)
                {
                    await Task.Yield();
                }
                catch (IOException)
                {
                    // A Job's process may still hold a file; the folder is in the temp directory.
                }
            }
        }
    }

    internal Repo FindRepo(string repoId, string repoType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repoId);
        if (!RepoKinds.TryParse(repoType, out var kind))
        {
            throw new ArgumentException($"Unknown repo type '{repoType}': expected model, dataset or space", nameof(repoType));
        }

        return _services.Repos.Find(kind, repoId) ?? throw new ArgumentException($"No {kind.Wire()} repo '{repoId}' in the Sandbox", nameof(repoId));
    }

    private static async Task RejectUnknownTokensAsync(HttpContext context, RequestDelegate next, SandboxServices services)
    {
        // The token endpoint authenticates clients (Basic), not users.
        if (!context.Request.Path.StartsWithSegments("/__lfs_storage", StringComparison.Ordinal)
            && !context.Request.Path.StartsWithSegments("/oauth/token", StringComparison.Ordinal)
            && services.Tokens.Authenticate(context.Request).Invalid)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status401Unauthorized, "Invalid credentials in Authorization header").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static void Validate(HfSandboxOptions options)
    {
        if (RepoNameRules.Check(options.DefaultUser, "user name") is { } problem)
        {
            throw new ArgumentException("HfSandboxOptions.DefaultUser: " + problem, nameof(options));
        }

        if (options.BuildDelay < TimeSpan.Zero || options.StartDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("HfSandboxOptions.BuildDelay and StartDelay must not be negative", nameof(options));
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"HfSandboxOptions.Port {options.Port} is not a TCP port", nameof(options));
        }

        if (options.PageSize < 1)
        {
            throw new ArgumentException("HfSandboxOptions.PageSize must be at least 1", nameof(options));
        }

        if (options.PersistState && string.IsNullOrWhiteSpace(options.DataRoot))
        {
            throw new ArgumentException("HfSandboxOptions.PersistState needs a DataRoot: the folder the state is kept in", nameof(options));
        }

        if (options.TimeProvider is null)
        {
            throw new ArgumentException("HfSandboxOptions.TimeProvider must not be null", nameof(options));
        }
    }
}
