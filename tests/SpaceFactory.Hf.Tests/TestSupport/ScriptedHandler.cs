using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace SpaceFactory.Hf.Tests.TestSupport;

/// <summary>
/// An in-process Hub for tests that need what WireMock cannot do (bodies in pieces, dropped connections, silences):
/// answers per path from queues of responders and records every request.
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Queue<Func<HttpRequestMessage, HttpResponseMessage>>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();

    public static Uri BaseAddress { get; } = new("http://hub.test/");

    /// <summary>"GET /api/jobs/u/1/logs?tail=2" for each request, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Adds responders for a path (no query); the last one answers every further request.</summary>
    public ScriptedHandler On(string path, params Func<HttpRequestMessage, HttpResponseMessage>[] responders)
    {
        var queue = _routes.GetOrAdd(path, _ => new Queue<Func<HttpRequestMessage, HttpResponseMessage>>());
        lock (queue)
        {
            foreach (var responder in responders)
            {
                queue.Enqueue(responder);
            }
        }

        return this;
    }

    public static Func<HttpRequestMessage, HttpResponseMessage> Sse(Func<Stream> body) => _ =>
        new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body()) { Headers = { { "Content-Type", "text/event-stream" } } } };

    public static Func<HttpRequestMessage, HttpResponseMessage> Json(string json, HttpStatusCode status = HttpStatusCode.OK) => _ =>
        new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static Func<HttpRequestMessage, HttpResponseMessage> Job(string stage, string id = "687fb701029421ae5549d998") =>
        Json(JobJson.With(stage, id));

    public HttpClient CreateClient() => new(this, disposeHandler: false) { BaseAddress = BaseAddress };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        _requests.Enqueue($"{request.Method} {uri.PathAndQuery}");
        if (!_routes.TryGetValue(uri.AbsolutePath, out var queue))
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request, Content = new StringContent("{\"error\":\"no route\"}") });
        }

        Func<HttpRequestMessage, HttpResponseMessage> responder;
        lock (queue)
        {
            responder = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        }

        var response = responder(request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
