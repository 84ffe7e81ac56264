using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Hf.Tests.Http;

/// <summary>
/// A primary handler the application configures for one of the SDK's clients is the one that sends, whether it was
/// registered before or after <c>AddHuggingFace</c> (the SDK's own handler is only a default).
/// </summary>
[TestFixture]
public class ApplicationPrimaryHandlerTests
{
    [TestCase(true)]
    [TestCase(false)]
    public async Task The_application_handler_sends_the_hub_requests(bool beforeAddHuggingFace)
    {
        var handler = new RecordingHandler("""{"type":"user","name":"alice"}""");
        var services = new ServiceCollection();
        if (beforeAddHuggingFace)
        {
            services.AddHttpClient(nameof(HubClient)).ConfigurePrimaryHttpMessageHandler(() => handler);
        }

        services.AddHuggingFace(o =>
        {
            o.Endpoint = new Uri("http://hub.invalid");
            o.Token = "hf_fakeprimaryhandlertoken0000000";
        });
        if (!beforeAddHuggingFace)
        {
            services.AddHttpClient(nameof(HubClient)).ConfigurePrimaryHttpMessageHandler(() => handler);
        }

        await using var provider = services.BuildServiceProvider();
        var user = await provider.GetRequiredService<HubClient>().WhoAmIAsync();

        Assert.That(user.Name, Is.EqualTo("alice"));
        Assert.That(handler.Requests, Is.EqualTo(new[] { "GET http://hub.invalid/api/whoami-v2" }));
    }

    [Test]
    public async Task Defaults_for_every_client_reach_the_gradio_clients_too()
    {
        var handler = new RecordingHandler("{}");
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => handler));
        services.AddHuggingFace(o => o.Token = "hf_fakeprimaryhandlertoken0000000");

        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(GradioClientFactory.ClientName);
        using var response = await client.GetAsync(new Uri("http://app.invalid/config"));

        Assert.That(handler.Requests, Is.EqualTo(new[] { "GET http://app.invalid/config" }));
    }

    private sealed class RecordingHandler(string body) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add($"{request.Method} {request.RequestUri}");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
