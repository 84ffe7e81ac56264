using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// The simple API of one simulated app: <c>POST /call/{api}</c> and <c>/call/v2/{api}</c> start a call and answer its
/// <c>event_id</c>; <c>GET /call/{api}/{event_id}</c> streams its result once.
/// </summary>
internal sealed class GradioCallRoutes(SimulatedFiles files)
{
    private readonly ConcurrentDictionary<string, GradioOutcome> _calls = new(StringComparer.Ordinal);

    public async Task CallAsync(HttpContext context, GradioManifest manifest, string apiName)
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

    public async Task CallV2Async(HttpContext context, GradioManifest manifest, string apiName)
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

    public async Task ResultAsync(HttpContext context, GradioManifest manifest, string eventId)
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
