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
            .AddHuggingFace(options =>
            {
                options.Endpoint = new Uri(endpoint);
                options.Token = Token;
                options.MaxRetries = 0;
            })
            .Services
            .BuildServiceProvider();

    /// <summary>A <see cref="JobsClient"/> over an in-process handler, with every timer on <paramref name="clock"/>.</summary>
    public static JobsClient Jobs(ScriptedHandler handler, TestClock clock, ILogger<JobsClient>? logger = null) =>
        new(handler.CreateClient(), Streaming(handler, clock), logger, clock);

    /// <summary>A <see cref="BucketClient"/> over an in-process handler.</summary>
    public static BucketClient Buckets(ScriptedHandler handler, TestClock clock) =>
        new(handler.CreateClient(), Streaming(handler, clock), clock);

    private static HfStreamingHttpClient Streaming(ScriptedHandler handler, TestClock clock) =>
        new(handler.CreateClient(), Options.Create(new HfClientOptions { Endpoint = ScriptedHandler.BaseAddress, StreamIdleTimeout = IdleTimeout }), clock);
}
