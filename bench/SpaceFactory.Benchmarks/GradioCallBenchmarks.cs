using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Gradio;

namespace SpaceFactory.Benchmarks;

/// <summary>
/// The Gradio client's own cost, over an in-memory handler (no sockets): a full <c>/call</c> round trip
/// (POST + SSE result) and a streamed call of 1,000 <c>generating</c> events (events/s = 1000 / time).
/// </summary>
[MemoryDiagnoser]
public class GradioCallBenchmarks
{
    private const string Config = """{"version":"6.25.0","api_prefix":"/gradio_api","protocol":"sse_v3","components":[{"id":1,"type":"textbox"},{"id":2,"type":"textbox"}],"dependencies":[{"id":0,"api_name":"generate","inputs":[1],"outputs":[2],"types":{"generator":false},"api_visibility":"public"}]}""";
    private const string Info = """{"named_endpoints":{"/generate":{"parameters":[{"label":"prompt","parameter_name":"prompt","parameter_has_default":false,"parameter_default":null,"type":{"type":"string"},"python_type":{"type":"str","description":""},"component":"Textbox"}],"returns":[{"label":"out","type":{"type":"string"},"python_type":{"type":"str","description":""},"component":"Textbox"}]}},"unnamed_endpoints":{}}""";
    private static readonly byte[] Complete = Encoding.UTF8.GetBytes("event: complete\ndata: [\"Hello world jumps over the lazy dog the quick brown\"]\n\n");
    private static readonly byte[] Stream1000 = Encoding.UTF8.GetBytes(
        string.Concat(Enumerable.Range(0, 1000).Select(i => $"event: generating\ndata: [\"token {i} of the stream\"]\n\n")) + "event: complete\ndata: [\"done\"]\n\n");

    private ServiceProvider _provider = null!;
    private GradioClient _client = null!;
    private byte[] _body = Complete;
    private IReadOnlyList<System.Text.Json.JsonElement> _inputs = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var services = new ServiceCollection();
        services.AddHuggingFace(o => o.Endpoint = new Uri("http://hub.invalid"));
        var handler = new CannedHandler(this);
        services.AddHttpClient(GradioClientFactory.ClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        services.AddHttpClient(GradioClientFactory.StreamClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        _provider = services.BuildServiceProvider();
        _client = await _provider.GetRequiredService<IGradioClientFactory>().ConnectAsync(new Uri("http://app.invalid"));
        _inputs = [GradioValue.Text("Hello world")];
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Description = "CallAsync round trip (POST /call + SSE complete)")]
    public async Task<int> CallRoundTrip()
    {
        _body = Complete;
        var result = await _client.CallAsync("/generate", _inputs);
        return result.Outputs.Count;
    }

    [Benchmark(Description = "StreamAsync, 1,000 generating events")]
    public async Task<int> Stream1000Events()
    {
        _body = Stream1000;
        var count = 0;
        await foreach (var _ in _client.StreamAsync("/generate", _inputs))
        {
            count++;
        }

        return count;
    }

    private sealed class CannedHandler(GradioCallBenchmarks owner) : HttpMessageHandler
    {
        private static readonly byte[] EventId = "{\"event_id\":\"e1\"}"u8.ToArray();
        private static readonly byte[] ConfigBytes = Encoding.UTF8.GetBytes(Config);
        private static readonly byte[] InfoBytes = Encoding.UTF8.GetBytes(Info);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var (body, type) = path switch
            {
                "/config" => (ConfigBytes, "application/json"),
                "/gradio_api/info" => (InfoBytes, "application/json"),
                "/gradio_api/call/generate" => (EventId, "application/json"),
                _ => (owner._body, "text/event-stream"),
            };
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
