using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// The simple API of one simulated app: <c>POST /call/{api}</c> and <c>/call/v2/{api}</c> start a call and answer its
/// <c>event_id</c>; <c>GET /call/{api}/{event_id}</c> streams its result once. The direct <c>/run</c> and <c>/api</c>
/// routes refuse, as on a Space.
/// </summary>
internal sealed class GradioCallRoutes(SimulatedFiles files)
{
    private readonly ConcurrentDictionary<string, GradioOutcome> _calls = new(StringComparer.Ordinal);

    public void Map(GradioApiGroup api)
    {
        // POST /call/v2 (no name) is the call of an endpoint named "v2".
        api.Post("/call/v2/{**api}", (context, manifest) => GradioApiGroup.Route(context, manifest) is var route && route.StartsWith("/call/v2/", StringComparison.Ordinal)
            ? CallV2Async(context, manifest, route["/call/v2/".Length..].TrimEnd('/'))
            : CallAsync(context, manifest));
        api.Post("/call/{api}", CallAsync);
        api.Get("/call/{**rest}", GradioApiGroup.Below("/call/", (context, manifest) =>
        {
            var route = GradioApiGroup.Route(context, manifest);
            return ResultAsync(context, manifest, route[(route.LastIndexOf('/') + 1)..]);
        }));

        // On Spaces api_open is False: the direct route refuses queued functions (routes.py::predict).
        api.Post("/run/{**rest}", GradioApiGroup.Below("/run/", RefuseDirectAsync));
        api.Post("/api/{**rest}", GradioApiGroup.Below("/api/", RefuseDirectAsync));
    }

    private static Task RefuseDirectAsync(HttpContext context, GradioManifest manifest)
        => SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = "This API endpoint does not accept direct HTTP POST requests. Please join the queue to use this API." }, StatusCodes.Status404NotFound);

    private Task CallAsync(HttpContext context, GradioManifest manifest)
    {
        // Only /call/{api} itself: /call/{api}/ (a trailing slash) is no route of Gradio's.
        var route = GradioApiGroup.Route(context, manifest);
        return route.Count(c => c == '/') == 2
            ? CallAsync(context, manifest, route["/call/".Length..])
            : GradioRequestErrors.NotFoundAsync(context);
    }

    private async Task CallAsync(HttpContext context, GradioManifest manifest, string apiName)
    {
        var body = await SandboxHttp.ReadObjectAsync(context).ConfigureAwait(false);
        if (body?["data"] is not JsonArray data)
        {
            await GradioRequestErrors.MissingDataAsync(context, body).ConfigureAwait(false);
            return;
        }

        var endpoint = manifest.Find(apiName);
        if (endpoint is null)
        {
            await GradioRequestErrors.UnknownEndpointAsync(context).ConfigureAwait(false);
            return;
        }

        await StartAsync(context, endpoint, data).ConfigureAwait(false);
    }

    private async Task CallV2Async(HttpContext context, GradioManifest manifest, string apiName)
    {
        var body = await SandboxHttp.ReadObjectAsync(context).ConfigureAwait(false) ?? [];
        var endpoint = manifest.Find(apiName);
        if (endpoint is null)
        {
            await GradioRequestErrors.UnknownEndpointAsync(context).ConfigureAwait(false);
            return;
        }

        var data = new JsonArray();
        foreach (var parameter in endpoint.Parameters)
        {
            var name = parameter?["parameter_name"]?.GetValue<string>() ?? parameter?["label"]?.GetValue<string>() ?? "";
            if (body.TryGetPropertyValue(name, out var value))
            {
                data.Add(value?.DeepClone());
            }
            else if (parameter?["parameter_has_default"] is JsonValue has && has.TryGetValue<bool>(out var hasDefault) && hasDefault)
            {
                data.Add(parameter["parameter_default"]?.DeepClone());
            }
            else
            {
                break;
            }
        }

        await StartAsync(context, endpoint, data).ConfigureAwait(false);
    }

    private async Task ResultAsync(HttpContext context, GradioManifest manifest, string eventId)
    {
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        string text;
        if (!_calls.TryRemove(eventId, out var outcome))
        {
            text = "event: error\ndata: \"404: Not Found\"\n\n";
        }
        else if (outcome.Success)
        {
            // A generator's yields arrive in full on this route, each as a 'generating' event.
            var events = new StringBuilder();
            foreach (var step in outcome.Steps ?? [])
            {
                events.Append("event: generating\ndata: ").Append(PythonJson.Serialize(step)).Append("\n\n");
            }

            text = events.Append("event: complete\ndata: ").Append(PythonJson.Serialize(outcome.Outputs)).Append("\n\n").ToString();
        }
        else
        {
            var payload = manifest.CallErrorsCarryPayload ? PythonJson.Serialize(outcome.ErrorPayload(manifest)) : "null";
            text = "event: error\ndata: " + payload + "\n\n";
        }

        await context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    private Task StartAsync(HttpContext context, GradioEndpoint endpoint, JsonArray data)
    {
        var eventId = HexIds.New(32);
        _calls[eventId] = GradioStream.Apply(endpoint, GradioSimulator.Run(endpoint, data, files));
        return SandboxHttp.WriteNodeAsync(context, new JsonObject { ["event_id"] = eventId });
    }
}
