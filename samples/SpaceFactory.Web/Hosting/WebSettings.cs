using SpaceFactory.Phases.Execution;

namespace SpaceFactory.Web.Hosting;

/// <summary>
/// The web app's settings, read from configuration (environment variables on a Space): the OAuth client a Space with
/// <c>hf_oauth: true</c> receives, the Hub, and what the Jobs run.
/// </summary>
internal sealed record WebSettings
{
    /// <summary>The scopes the app asks for; <c>jobs</c> is needed to launch.</summary>
    public const string DefaultScopes = "openid profile read-repos write-repos manage-repos gated-repos inference-api jobs";

    /// <summary>The image the offline Sandbox maps to this app's bundled CLI worker.</summary>
    public const string SandboxWorkerImage = "spacefactory/worker:local";

    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    /// <summary>The OpenID provider (its metadata is at <c>/.well-known/openid-configuration</c>).</summary>
    public required Uri ProviderUrl { get; init; }

    /// <summary>The Hub the runs talk to (default: the provider, which is the Hub on Hugging Face).</summary>
    public required Uri HubEndpoint { get; init; }

    public string Scopes { get; init; } = DefaultScopes;

    /// <summary>The image or Space the worker Job runs in (on a Space: the Space itself).</summary>
    public required string JobImage { get; init; }

    /// <summary>Where each user's records go; <c>{user}</c> is replaced by the signed-in user's name.</summary>
    public string BucketSource { get; init; } = "hf://buckets/{user}/spacefactory-runs";

    public string JobFlavor { get; init; } = "cpu-basic";

    public string JobTimeout { get; init; } = "30m";

    /// <summary>True when the app runs against its own in-process Sandbox (no OAuth variables were set).</summary>
    public bool IsSandbox { get; init; }

    /// <summary>Reads the settings; null when <c>OAUTH_CLIENT_ID</c> is not set (then the app starts a Sandbox).</summary>
    public static WebSettings? FromConfiguration(IConfiguration configuration)
    {
        if (Get(configuration, "OAUTH_CLIENT_ID") is not { } clientId)
        {
            return null;
        }

        var provider = new Uri(Get(configuration, "OPENID_PROVIDER_URL") ?? throw new InvalidOperationException("OPENID_PROVIDER_URL is required with OAUTH_CLIENT_ID (a Space with hf_oauth: true gets both)."));
        var spaceId = Get(configuration, "SPACE_ID");

        // The SPACE_FACTORY_* Job variables are read by the SDK's one reader, over the web app's own defaults.
        var jobs = new HfJobExecutorOptions { BucketSource = "hf://buckets/{user}/spacefactory-runs", Timeout = "30m", Image = spaceId is null ? null : "hf.co/spaces/" + spaceId }
            .Read(configuration);
        return new WebSettings
        {
            ClientId = clientId,
            ClientSecret = Get(configuration, "OAUTH_CLIENT_SECRET") ?? throw new InvalidOperationException("OAUTH_CLIENT_SECRET is required with OAUTH_CLIENT_ID."),
            ProviderUrl = provider,
            HubEndpoint = Get(configuration, "HF_ENDPOINT") is { } hub ? new Uri(hub) : provider,
            Scopes = Get(configuration, "SPACE_FACTORY_OAUTH_SCOPES") ?? DefaultScopes,
            JobImage = jobs.Image
                ?? throw new InvalidOperationException($"{HfJobExecutorOptions.ImageVariable} is required outside a Space: an image or Space that carries the SpaceFactory CLI."),
            BucketSource = jobs.BucketSource!,
            JobFlavor = jobs.Flavor,
            JobTimeout = jobs.Timeout,
        };
    }

    private static string? Get(IConfiguration configuration, string key) => configuration[key] is { Length: > 0 } value ? value.Trim() : null;
}
