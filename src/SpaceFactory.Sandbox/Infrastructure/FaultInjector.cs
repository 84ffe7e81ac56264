using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>
/// Middleware that applies <see cref="FaultRule"/>s: latency, 5xx, 429 with <c>Retry-After</c>, dropped connections,
/// before the handler or after it (the handler's effect happens, its response is lost).
/// </summary>
internal sealed class FaultInjector(IList<FaultRule> rules, Random random, Lock randomGate, SandboxStatistics statistics, bool spaceApp)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var rule = Find(context.Request.Method, context.Request.Path.Value ?? "/");
        if (rule is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var latency = rule.Latency + (rule.LatencySpikeRate > 0 && Draw() < rule.LatencySpikeRate ? rule.LatencySpike : TimeSpan.Zero);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
        }

        var fault = Roll(rule);
        if (fault == InjectedFault.None)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (rule.AfterHandler || (rule.AfterHandlerRate > 0 && Draw() < rule.AfterHandlerRate))
        {
            var original = context.Response.Body;
            using var discarded = new MemoryStream();
            context.Response.Body = discarded;
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                context.Response.Body = original;
            }

            statistics.CountAnswerLost();
            var requestId = context.Response.Headers["X-Request-Id"];
            context.Response.Clear();
            context.Response.Headers["X-Request-Id"] = requestId;
        }

        statistics.CountFault(fault);
        await ApplyAsync(context, rule, fault).ConfigureAwait(false);
    }

    private FaultRule? Find(string method, string path)
    {
        // Rules may change at run time (HfSandbox.AddFaultRule / ClearFaultRules lock the same list).
        lock (rules)
        {
            foreach (var rule in rules)
            {
                if ((!spaceApp || rule.IncludeSpaceApps) && rule.Matches(method, path))
                {
                    return rule;
                }
            }
        }

        return null;
    }

    private double Draw()
    {
        lock (randomGate)
        {
            return random.NextDouble();
        }
    }

    private InjectedFault Roll(FaultRule rule)
    {
        var draw = Draw();

        if (draw < rule.Rate5xx)
        {
            return InjectedFault.ServerError;
        }

        draw -= rule.Rate5xx;
        if (draw < rule.Rate429)
        {
            return InjectedFault.TooManyRequests;
        }

        draw -= rule.Rate429;
        return draw < rule.RateDrop ? InjectedFault.Drop : InjectedFault.None;
    }

    private static Task ApplyAsync(HttpContext context, FaultRule rule, InjectedFault fault)
    {
        switch (fault)
        {
            case InjectedFault.Drop:
                context.Abort();
                return Task.CompletedTask;
            case InjectedFault.TooManyRequests:
                var seconds = rule.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                context.Response.Headers.RetryAfter = seconds;
                context.Response.Headers["RateLimit"] = "\"api\";r=0;t=" + seconds;
                context.Response.Headers["RateLimit-Policy"] = "\"fixed window\";\"api\";q=1000;w=300";
                return SandboxHttp.ErrorAsync(context, StatusCodes.Status429TooManyRequests, "Sandbox injected fault: rate limit reached, retry after " + seconds + " s");
            default:
                return SandboxHttp.ErrorAsync(context, rule.ServerErrorStatus, "Sandbox injected fault: server error " + rule.ServerErrorStatus.ToString(CultureInfo.InvariantCulture));
        }
    }
}
