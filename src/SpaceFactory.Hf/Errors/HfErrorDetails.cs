using System.Net;

namespace SpaceFactory.Hf;

/// <summary>What a Hugging Face endpoint said about a failed request.</summary>
/// <param name="StatusCode">HTTP status code.</param>
/// <param name="Method">HTTP method of the request.</param>
/// <param name="RequestPath">Path of the request (no query string, which may carry sensitive values).</param>
/// <param name="ErrorCode">The <c>X-Error-Code</c> header, when present.</param>
/// <param name="ServerMessage">The <c>X-Error-Message</c> header or the body's error text, token shapes removed.</param>
/// <param name="RequestId">The <c>x-request-id</c> (else <c>X-Amzn-Trace-Id</c>) response header.</param>
/// <param name="RetryAfter">The server-requested wait, from <c>Retry-After</c> or <c>RateLimit</c>, when given.</param>
public sealed record HfErrorDetails(
    HttpStatusCode StatusCode,
    string Method,
    string RequestPath,
    string? ErrorCode,
    string? ServerMessage,
    string? RequestId,
    TimeSpan? RetryAfter);
