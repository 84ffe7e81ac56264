using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpaceFactory.Hf.Buckets;
using SpaceFactory.Hf.Http;
using SpaceFactory.Hf.Jobs;

namespace SpaceFactory.Hf.Tests.TestSupport;

/// <summary>Builds the clients under test: through DI against WireMock, or by hand over a <see cref="ScriptedHandler"/>.</summary>
internal static class TestClients
{
    /// <summary>A token-shaped fake (hf_ + 34 letters and digits); never a real credential.</summary>
    public const string Token = "hf_ContractTestFakeToken0000000000001";

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The real registration (<c>AddHuggingFace</c>) pointed at a WireMock server; no retries so answers stay one-to-one.</summary>
    public static ServiceProvider Services(string endpoint) =>
        new ServiceCollection()
            .AddHuggingFace(options => Configure(options, endpoint))
            .Services
            .BuildServiceProvider();

    /// <summary>
    /// The clients built one of the two public ways, with the settings of <see cref="Services"/>, so that a contract
    /// fixture run once per way proves both send the same requests.
    /// </summary>
    public static BuiltClients Build(ClientConstruction construction, string endpoint)
    {
        if (construction == ClientConstruction.HfClients)
        {
            var options = new HfClientOptions();
            Configure(options, endpoint);
            var clients = new HfClients(options);
            return new BuiltClients(clients.Jobs, clients.Buckets, clients);
        }

        var services = Services(endpoint);
        return new BuiltClients(services.GetRequiredService<JobsClient>(), services.GetRequiredService<BucketClient>(), services);
    }

    private static void Configure(HfClientOptions options, string endpoint)
    {
        options.Endpoint = new Uri(endpoint);
        options.Token = Token;
        options.MaxRetries = 0;
    }

    /// <summary>A <see cref="JobsClient"/> over an in-process handler, with every timer on <paramref name="clock"/>.</summary>
    public static JobsClient Jobs(ScriptedHandler handler, TestClock clock, ILogger<JobsClient>? logger = null) =>
        new(handler.CreateClient(), Streaming(handler, clock), logger, clock);

    /// <summary>A <see cref="BucketClient"/> over an in-process handler.</summary>
    public static BucketClient Buckets(ScriptedHandler handler, TestClock clock) =>
        new(handler.CreateClient(), Streaming(handler, clock), clock);

    private static HfStreamingHttpClient Streaming(ScriptedHandler handler, TestClock clock) =>
        new(handler.CreateClient(), Options.Create(new HfClientOptions { Endpoint = ScriptedHandler.BaseAddress, StreamIdleTimeout = IdleTimeout }), clock);
}

/// <summary>The two public ways of building the clients.</summary>
public enum ClientConstruction
{
    /// <summary><c>services.AddHuggingFace(...)</c> and the service provider.</summary>
    AddHuggingFace,

    /// <summary><c>new HfClients(options)</c>, without dependency injection.</summary>
    HfClients,
}

/// <summary>Clients under test and what owns their connections.</summary>
internal sealed record BuiltClients(JobsClient Jobs, BucketClient Buckets, IDisposable Owner) : IDisposable
{
    public void Dispose() => Owner.Dispose();
}
