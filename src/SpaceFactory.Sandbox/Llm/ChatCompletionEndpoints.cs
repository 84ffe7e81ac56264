using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Llm;

/// <summary>
/// <c>POST /v1/chat/completions</c>, OpenAI-compatible like the Inference Providers router: streams the scripted
/// turn as SSE chunks (text deltas, or one tool call in two argument fragments) and ends with <c>data: [DONE]</c>.
/// </summary>
internal sealed class ChatCompletionEndpoints(SandboxServices services)
{
    public void Map(WebApplication app) => app.MapPost("/v1/chat/completions", CompleteAsync);

    private async Task CompleteAsync(HttpContext context)
    {
        var (caller, _) = services.Tokens.Authenticate(context.Request);
        if (caller is null)
        {
            await OpenAiErrorAsync(context, StatusCodes.Status401Unauthorized, "Invalid credentials in Authorization header").ConfigureAwait(false);
            return;
        }

        var body = await SandboxHttp.ReadObjectAsync(context).ConfigureAwait(false);
        var model = body?["model"] is JsonValue m && m.TryGetValue<string>(out var id) ? id : null;
        if (body is null || model is null || body["messages"] is not JsonArray messages)
        {
            await OpenAiErrorAsync(context, StatusCodes.Status400BadRequest, "The body needs 'model' and 'messages'.").ConfigureAwait(false);
            return;
        }

        var slots = ScriptedLlm.Slots(messages);
        if (services.Llm.Find(model, slots) is not { } script)
        {
            await OpenAiErrorAsync(context, StatusCodes.Status404NotFound, $"The model '{model}' has no script in this Sandbox.").ConfigureAwait(false);
            return;
        }

        var answered = messages.Count(n => n?["role"]?.GetValue<string>() is "assistant");
        services.Llm.Record(new LlmRequestRecord(model, body["stream"]?.GetValue<bool>() ?? false, caller.User,
            [.. messages.Select(n => n?["role"]?.GetValue<string>() ?? "?")],
            [.. (body["tools"] as JsonArray ?? []).Select(t => t?["function"]?["name"]?.GetValue<string>() ?? "?")],
            answered));

        switch (script.TurnAt(answered))
        {
            case LlmTurn.HttpError error:
                await OpenAiErrorAsync(context, error.Status, ScriptedLlm.Fill(error.Message, slots)).ConfigureAwait(false);
                return;
            case LlmTurn.Hang:
                using (services.Llm.EnterHang())
                {
                    await WaitForAbortAsync(context.RequestAborted).ConfigureAwait(false);
                }

                return;
            case LlmTurn.ToolCall call:
                await StreamAsync(context, ChatChunks.ToolCall(model, call.Name, FillArguments(call.ArgumentsJson, slots), answered)).ConfigureAwait(false);
                return;
            case LlmTurn.Text text:
                await StreamAsync(context, ChatChunks.Text(model, ScriptedLlm.Fill(text.Content, slots))).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>Fills slots inside the JSON's strings (after parsing, so a value never breaks the JSON).</summary>
    private static string FillArguments(string argumentsJson, IReadOnlyDictionary<string, string> slots)
    {
        var node = JsonNode.Parse(argumentsJson);
        return Fill(node, slots)?.ToJsonString() ?? "{}";

        static JsonNode? Fill(JsonNode? node, IReadOnlyDictionary<string, string> slots) => node switch
        {
            // New nodes throughout: a node that already has a parent cannot be attached again.
            JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Fill(p.Value, slots)))),
            JsonArray array => new JsonArray([.. array.Select(item => Fill(item, slots))]),
            JsonValue value when value.TryGetValue<string>(out var s) => JsonValue.Create(ScriptedLlm.Fill(s, slots)),
            _ => node?.DeepClone(),
        };
    }

    private static async Task StreamAsync(HttpContext context, IEnumerable<string> chunks)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        foreach (var chunk in chunks)
        {
            await context.Response.WriteAsync("data: " + chunk + "\n\n", context.RequestAborted).ConfigureAwait(false);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WaitForAbortAsync(CancellationToken aborted)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up (or the Sandbox stops): a hung model never answers.
        }
    }

    private static Task OpenAiErrorAsync(HttpContext context, int status, string message)
    {
        var error = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = status == StatusCodes.Status401Unauthorized ? "invalid_request_error" : "server_error",
                ["code"] = status.ToString(CultureInfo.InvariantCulture),
            },
        };
        return SandboxHttp.WriteNodeAsync(context, error, status);
    }
}
