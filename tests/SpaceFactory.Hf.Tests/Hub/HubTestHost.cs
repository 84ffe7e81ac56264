using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf.Hub;
using WireMock;
using WireMock.Server;

namespace SpaceFactory.Hf.Tests.Hub;

/// <summary>A WireMock Hub on loopback and a <see cref="HubClient"/> wired to it through <c>AddHuggingFace</c>.</summary>
internal sealed class HubTestHost : IDisposable
{
    public const string Token = "hf_testtoken0123456789abcdefgh";

    private readonly ServiceProvider _provider;

    public HubTestHost(Action<HfClientOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        Server = WireMockServer.Start();
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        collection.AddHuggingFace(o =>
        {
            o.Endpoint = new Uri(Server.Url!);
            o.Token = Token;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(2);
            configure?.Invoke(o);
        });
        _provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Client = _provider.GetRequiredService<HubClient>();
    }

    public WireMockServer Server { get; }

    public HubClient Client { get; }

    public IServiceProvider Services => _provider;

    public IReadOnlyList<IRequestMessage> Requests => RequestsOf(Server);

    public static IReadOnlyList<IRequestMessage> RequestsOf(WireMockServer server) => [.. server.LogEntries.Select(e => e.RequestMessage!)];

    public IRequestMessage SingleRequest()
    {
        var requests = Requests;
        Assert.That(requests, Has.Count.EqualTo(1), "expected exactly one request");
        return requests[0];
    }

    public void Dispose()
    {
        _provider.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}

/// <summary>Assertions on what the client sent.</summary>
internal static class RequestAssert
{
    /// <summary>Method, path (as sent, still escaped), the token, the SpaceFactory user agent, and the content type's media type.</summary>
    public static void IsHubCall(IRequestMessage request, string method, string path, string? mediaType = null, string? query = null)
    {
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo(method), "method");
            Assert.That(new Uri(request.AbsoluteUrl).AbsolutePath, Is.EqualTo(path), "path");
            Assert.That(RawQuery(request), Is.EqualTo(query ?? string.Empty), "query");
            Assert.That(Header(request, "Authorization"), Is.EqualTo("Bearer " + HubTestHost.Token), "Authorization");
            Assert.That(Header(request, "User-Agent"), Does.StartWith("SpaceFactory/"), "User-Agent");
            if (mediaType is null)
            {
                Assert.That(Header(request, "Content-Type"), Is.Null, "Content-Type");
            }
            else
            {
                Assert.That(Header(request, "Content-Type")?.Split(';')[0], Is.EqualTo(mediaType), "Content-Type");
            }
        });
    }

    public static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    public static string RawQuery(IRequestMessage request)
    {
        var query = new Uri(request.AbsoluteUrl).Query;
        return query.StartsWith('?') ? query[1..] : query;
    }

    public static string Body(IRequestMessage request) =>
        request.BodyAsBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : request.Body ?? string.Empty;

    public static byte[] BodyBytes(IRequestMessage request) =>
        request.BodyAsBytes ?? Encoding.UTF8.GetBytes(request.Body ?? string.Empty);

    /// <summary>Compares a JSON body to the expected one structurally (key order and whitespace ignored).</summary>
    public static void JsonEquals(string actual, string expected)
    {
        using var a = System.Text.Json.JsonDocument.Parse(actual);
        using var e = System.Text.Json.JsonDocument.Parse(expected);
        Assert.That(System.Text.Json.JsonElement.DeepEquals(a.RootElement, e.RootElement), Is.True, $"JSON differs.\nactual:   {actual}\nexpected: {expected}");
    }
}
