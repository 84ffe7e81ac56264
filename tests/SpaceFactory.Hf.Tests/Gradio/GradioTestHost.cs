using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf.Gradio;
using WireMock;
using WireMock.Server;

namespace SpaceFactory.Hf.Tests.Gradio;

/// <summary>A WireMock app (and Hub) on loopback with the Gradio client factory wired through <c>AddHuggingFace</c>.</summary>
internal sealed class GradioTestHost : IDisposable
{
    public const string Token = "hf_gradiotesttoken0123456789abcdef";

    private readonly ServiceProvider _provider;

    public GradioTestHost(Action<IServiceCollection>? services = null)
    {
        App = WireMockServer.Start();
        Hub = WireMockServer.Start();
        var collection = new ServiceCollection();
        collection.AddHuggingFace(o =>
        {
            o.Endpoint = new Uri(Hub.Url!);
            o.Token = Token;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(2);
        });
        services?.Invoke(collection);
        _provider = collection.BuildServiceProvider();
        Factory = _provider.GetRequiredService<IGradioClientFactory>();
    }

    public WireMockServer App { get; }

    public WireMockServer Hub { get; }

    public IGradioClientFactory Factory { get; }

    public Uri AppUrl => new(App.Url!);

    public GradioFixtures Fixtures(string version, string app) => new(App, version, app);

    public Task<GradioClient> ConnectAsync(string? token = null) => Factory.ConnectAsync(AppUrl, new GradioConnectOptions { Token = token });

    public IReadOnlyList<IRequestMessage> AppRequests => [.. App.LogEntries.Select(e => e.RequestMessage!)];

    public IReadOnlyList<IRequestMessage> HubRequests => [.. Hub.LogEntries.Select(e => e.RequestMessage!)];

    public void Dispose()
    {
        _provider.Dispose();
        App.Stop();
        App.Dispose();
        Hub.Stop();
        Hub.Dispose();
    }
}
