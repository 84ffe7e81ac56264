using System.Collections.Concurrent;
using System.Diagnostics;

namespace SpaceFactory.Scenarios.Servers;

/// <summary>The requests the SDK sent (time and path), recorded by a handler added to every client.</summary>
internal sealed class RequestLog
{
    private readonly ConcurrentQueue<(long Timestamp, string Method, string Path)> _entries = new();

    public IReadOnlyList<(long Timestamp, string Method, string Path)> Since(long timestamp) => [.. _entries.Where(e => e.Timestamp >= timestamp)];

    /// <summary>Records each request as the client sends it (outside the retry handler: one entry per call).</summary>
    public sealed class Handler(RequestLog log) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            log._entries.Enqueue((Stopwatch.GetTimestamp(), request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
