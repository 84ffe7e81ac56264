using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>
/// Middleware (after routing) that gives every response the Hub's <c>X-Request-Id</c> (echoing the caller's
/// <c>X-Amzn-Trace-Id</c>) and exposed headers, and counts requests per route pattern.
/// </summary>
internal sealed class RequestTracking(SandboxStatistics statistics)
{
    private const string ExposedHeaders = "X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,Accept-Ranges,Content-Range,X-Linked-Size,X-Linked-ETag";

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var trace = context.Request.Headers["X-Amzn-Trace-Id"].ToString();
        if (string.IsNullOrEmpty(trace))
        {
            trace = context.Request.Headers["X-Request-Id"].ToString();
        }

        var id = "Root=1-" + HexIds.New(8) + "-" + HexIds.New(24) + (string.IsNullOrEmpty(trace) ? "" : ";" + trace);
        context.Response.Headers["X-Request-Id"] = id;
        context.Response.Headers.AccessControlExposeHeaders = ExposedHeaders;
        context.Response.Headers["X-Powered-By"] = SandboxInfo.ProductName;

        // A group's "" route combines to "/group/" : count it under the group's own pattern.
        var raw = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var pattern = raw is null ? "(unmatched)" : raw.Length > 1 ? raw.TrimEnd('/') : raw;
        statistics.CountRequest(context.Request.Method + " " + pattern);
        return next(context);
    }
}
