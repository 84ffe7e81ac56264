using Microsoft.Extensions.Options;
using SpaceFactory.Hf.Gradio.Internal;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Hf.Gradio;

/// <summary>The default <see cref="IGradioClientFactory"/>, registered by <c>AddHuggingFace</c>.</summary>
public sealed class GradioClientFactory(IHttpClientFactory httpClients, HubClient hub, IOptions<HfClientOptions> options, TimeProvider timeProvider) : IGradioClientFactory
{
    /// <summary>Name of the HTTP client for app requests (retries for GETs only).</summary>
    public const string ClientName = "SpaceFactory.Gradio";

    /// <summary>Name of the HTTP client for result streams and downloads (no retry, no total timeout).</summary>
    public const string StreamClientName = "SpaceFactory.Gradio.Streams";

    /// <summary>Longest pause between runtime checks while waiting for a Space (<see cref="GradioConnectOptions.PollInterval"/> doubles up to it).</summary>
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public Task<GradioClient> ConnectAsync(Uri baseUrl, GradioConnectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        options ??= new GradioConnectOptions();
        var token = options.Token ?? (baseUrl.Host.EndsWith(".hf.space", StringComparison.OrdinalIgnoreCase) ? ConfiguredToken() : null);
        return ConnectCoreAsync(baseUrl, token, spaceId: null, options, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<GradioClient> ConnectToSpaceAsync(RepoId space, GradioConnectOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new GradioConnectOptions();
        await WaitUntilRunningAsync(space, options, cancellationToken).ConfigureAwait(false);
        var info = await hub.GetSpaceInfoAsync(space, cancellationToken: cancellationToken).ConfigureAwait(false);
        var host = info.Host ?? (info.Subdomain is { Length: > 0 } subdomain ? new Uri($"https://{subdomain}.hf.space") : null)
            ?? throw new GradioSpaceUnavailableException($"The Hub gives no host for the Space {space}; is it a Gradio Space?", info.Runtime?.Stage.Value ?? "UNKNOWN");
        return await ConnectCoreAsync(host, options.Token ?? ConfiguredToken(), space.ToString(), options, cancellationToken).ConfigureAwait(false);
    }

    private string? ConfiguredToken() => HfTokenScope.CurrentToken ?? options.Value.ResolveToken();

    private Task<GradioClient> ConnectCoreAsync(Uri baseUrl, string? token, string? spaceId, GradioConnectOptions connect, CancellationToken cancellationToken)
    {
        var http = new GradioHttp(httpClients.CreateClient(ClientName), httpClients.CreateClient(StreamClientName), baseUrl, token, connect, timeProvider);
        return GradioDeadline.RunAsync(
            connect.ConnectTimeout,
            nameof(GradioConnectOptions.ConnectTimeout),
            $"Reading the API of the app at {http.Root}",
            timeProvider,
            ct => ReadApiAsync(http, spaceId, ct),
            cancellationToken);
    }

    private async Task<GradioClient> ReadApiAsync(GradioHttp http, string? spaceId, CancellationToken cancellationToken)
    {
        GradioAppInfo app;
        using (var config = await http.GetJsonAsync("/config", cancellationToken).ConfigureAwait(false))
        {
            app = GradioConfigReader.Read(config.RootElement, new Uri(http.Root), spaceId);
        }

        using var info = await http.GetJsonAsync($"{app.ApiPrefix}/info", cancellationToken).ConfigureAwait(false);
        var schema = GradioInfoReader.Read(info.RootElement, app, timeProvider.GetUtcNow());
        return new GradioClient(http, app, schema, timeProvider);
    }

    /// <summary>The clients' one wait (<see cref="HubClient.WaitForSpaceRunningAsync"/>); a Space that will not serve is a typed error.</summary>
    private async Task WaitUntilRunningAsync(RepoId space, GradioConnectOptions connect, CancellationToken cancellationToken)
    {
        var wait = await hub.WaitForSpaceRunningAsync(space, new SpaceRunningWaitOptions
        {
            Watch = new SpaceWatchOptions { PollInterval = connect.PollInterval, MaxPollInterval = MaxPollInterval, BackOffAcrossChanges = true },
            Timeout = connect.WaitTimeout,
            MaxWakes = connect.WakeSleepingSpace ? 1 : 0,
        }, cancellationToken).ConfigureAwait(false);
        if (wait.IsRunning)
        {
            return;
        }

        var runtime = wait.Runtime;
        var stage = runtime?.Stage ?? new SpaceStage("UNKNOWN");
        throw new GradioSpaceUnavailableException(wait switch
        {
            { TimedOut: true } => $"The Space {space} was still {stage} after {connect.WaitTimeout}.",
            _ when stage.Kind == SpaceStageKind.NeedsWake => $"The Space {space} is sleeping{(wait.Wakes > 0 ? " and did not wake" : string.Empty)}.",
            _ when stage.IsError || stage == SpaceStage.NoAppFile => $"The Space {space} is {stage}: {runtime?.ErrorMessage ?? "no message"}.",
            _ when stage == SpaceStage.Paused || stage == SpaceStage.Stopped || stage == SpaceStage.Deleting => $"The Space {space} is {stage}; its owner must restart it.",

            // An open set: a stage this client does not know may never lead to RUNNING, so it is named, not waited on.
            _ => $"The Space {space} is in stage {stage}, which is neither running nor on its way there.",
        }, stage.Value);
    }
}
