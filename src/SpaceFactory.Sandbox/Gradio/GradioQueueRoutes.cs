using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// The queue of one simulated app, the protocol the official clients use: <c>POST /queue/join</c> queues a call's
/// messages in its session, <c>GET /queue/data</c> streams them, <c>/heartbeat</c> keeps a client's session alive.
/// </summary>
internal sealed class GradioQueueRoutes(SimulatedFiles files)
{
    private readonly ConcurrentDictionary<string, GradioSession> _sessions = new(StringComparer.Ordinal);

    public void Map(GradioApiGroup api)
    {
        api.Post("/queue/join", JoinAsync);
        api.Get("/queue/data", (context, _) => DataAsync(context));
        api.Get("/queue/status", (context, _) => SandboxHttp.WriteNodeAsync(context, new JsonObject { ["msg"] = "estimation", ["event_id"] = null, ["rank"] = null, ["queue_size"] = 0, ["rank_eta"] = null }));
        api.Get("/heartbeat/{**session}", GradioApiGroup.Below("/heartbeat/", (context, _) => HeartbeatAsync(context)));
    }

    private async Task JoinAsync(HttpContext context, GradioManifest manifest)
    {
        var body = await SandboxHttp.ReadObjectAsync(context).ConfigureAwait(false);
        if (body?["data"] is not JsonArray data)
        {
            await GradioRequestErrors.MissingDataAsync(context, body).ConfigureAwait(false);
            return;
        }

        var sessionHash = body["session_hash"] is JsonValue hash && hash.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrEmpty(sessionHash))
        {
            await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = "Session hash not found." }, StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        if (body["fn_index"] is not JsonValue fn || !fn.TryGetValue<int>(out var fnIndex))
        {
            await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = "No function index provided." }, StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        if (fnIndex < 0 || fnIndex >= manifest.Endpoints.Count)
        {
            await GradioRequestErrors.UnknownEndpointAsync(context).ConfigureAwait(false);
            return;
        }

        var endpoint = manifest.Endpoints[fnIndex];
        var outcome = GradioStream.Apply(endpoint, GradioSimulator.Run(endpoint, data, files));
        var eventId = HexIds.New(32);
        var session = _sessions.GetOrAdd(sessionHash, static _ => new GradioSession());
        session.Join();
        session.Messages.Writer.TryWrite(new GradioQueueMessage(GradioQueueMessages.Estimation(eventId), false));
        session.Messages.Writer.TryWrite(new GradioQueueMessage(GradioQueueMessages.ProcessStarts(eventId), false));
        for (var i = 0; i < (outcome.Steps?.Count ?? 0); i++)
        {
            session.Messages.Writer.TryWrite(new GradioQueueMessage(GradioQueueMessages.Generating(manifest, eventId, GradioStream.QueueData(outcome.Steps!, i)), false));
        }

        session.Messages.Writer.TryWrite(new GradioQueueMessage(GradioQueueMessages.Completion(manifest, eventId, outcome), true));
        await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["event_id"] = eventId }).ConfigureAwait(false);
    }

    private async Task DataAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        var ct = context.RequestAborted;
        var hash = context.Request.Query["session_hash"].ToString();
        if (!_sessions.TryGetValue(hash, out var session))
        {
            await response.Body.WriteAsync("data: {\"msg\":\"unexpected_error\",\"event_id\":null,\"message\":\"404: Not Found\",\"session_not_found\":true,\"success\":false}\n\n"u8.ToArray(), ct).ConfigureAwait(false);
            return;
        }

        try
        {
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
            while (await session.Messages.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (session.Messages.Reader.TryRead(out var message))
                {
                    await response.Body.WriteAsync(message.Json, ct).ConfigureAwait(false);
                    if (message.IsCompletion && session.Complete())
                    {
                        await response.Body.WriteAsync(GradioQueueMessages.CloseStream, ct).ConfigureAwait(false);
                        await response.Body.FlushAsync(ct).ConfigureAwait(false);
                        return;
                    }
                }

                await response.Body.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client closed the stream.
        }
    }

    private static async Task HeartbeatAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        var ct = context.RequestAborted;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync("data: ALIVE\n\n"u8.ToArray(), ct).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client closed the stream.
        }
    }
}
