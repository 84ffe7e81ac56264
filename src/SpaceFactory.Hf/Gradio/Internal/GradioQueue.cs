using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpaceFactory.Hf.Gradio.Internal;

/// <summary>
/// The queue protocol the official clients use: <c>POST {prefix}/queue/join</c>, then the session's message stream
/// <c>GET {prefix}/queue/data?session_hash=…</c> (estimation, process_starts, process_generating with diffs,
/// process_completed, close_stream). A failed function's text arrives in <c>process_completed</c>.
/// </summary>
internal static class GradioQueue
{
    private const string SessionAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static async IAsyncEnumerable<GradioUpdate> RunAsync(
        GradioHttp http, GradioAppInfo app, GradioDependency dependency, IReadOnlyList<JsonElement> data, Action<string> onEventId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var session = NewSessionHash();
        var name = dependency.ApiName ?? dependency.FnIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string eventId;
        using (var joined = await http.PostJsonAsync($"{app.ApiPrefix}/queue/join", GradioPayload.Join(data, dependency.FnIndex, session), cancellationToken).ConfigureAwait(false))
        {
            eventId = joined.RootElement.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()!
                : throw new GradioProtocolException($"POST {app.ApiPrefix}/queue/join returned no event_id.");
        }

        onEventId(eventId);
        var usesDiffs = app.Protocol is "sse_v2" or "sse_v2.1" or "sse_v3";
        JsonNode?[]? current = null;
        var stream = await http.OpenStreamAsync(http.Url($"{app.ApiPrefix}/queue/data?session_hash={session}"), eventStream: true, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var root = Parse(item.Data, name);
                var kind = root.TryGetProperty("msg", out var msg) ? msg.GetString() : null;
                if (string.Equals(kind, "close_stream", StringComparison.Ordinal))
                {
                    break;
                }

                if (root.TryGetProperty("event_id", out var itemEvent) && itemEvent.ValueKind == JsonValueKind.String && !string.Equals(itemEvent.GetString(), eventId, StringComparison.Ordinal))
                {
                    continue; // another call of this session
                }

                switch (kind)
                {
                    case "process_generating":
                        current = Next(current, Output(root, name), usesDiffs);
                        yield return new GradioUpdate(GradioUpdateKind.Generating, ToElements(current));
                        break;
                    case "process_completed":
                        if (root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False)
                        {
                            throw Failure(root, name);
                        }

                        yield return new GradioUpdate(GradioUpdateKind.Complete, [.. Output(root, name).EnumerateArray()]);
                        yield break;
                    case "queue_full":
                        throw new GradioQueueFullException($"/{name}: the app's queue is full.");
                    case "unexpected_error":
                        throw new GradioStreamException($"/{name}: the queue reported an unexpected error: {(root.TryGetProperty("message", out var m) ? m.ToString() : "no message")}");
                    default:
                        break; // estimation, process_starts, progress, heartbeat, log
                }
            }
        }

        throw new GradioStreamException($"The queue stream of /{name} (event {eventId}) ended without 'process_completed'.");
    }

    private static string NewSessionHash() => RandomNumberGenerator.GetString(SessionAlphabet, 11);

    /// <summary>One message, in an element that owns its (unpooled) document: its outputs need no clone.</summary>
    private static JsonElement Parse(string data, string name)
    {
        try
        {
            return JsonElement.Parse(data);
        }
        catch (JsonException ex)
        {
            throw new GradioStreamException($"/{name}: the queue stream carried an unreadable message: {(data.Length <= 200 ? data : data[..200] + "…")}", ex);
        }
    }

    private static JsonElement Output(JsonElement root, string name) =>
        root.TryGetProperty("output", out var output) && output.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data
            : throw new GradioStreamException($"/{name}: a queue message has no output data.");

    private static JsonNode?[] Next(JsonNode?[]? current, JsonElement data, bool usesDiffs)
    {
        if (current is null || !usesDiffs)
        {
            return [.. data.EnumerateArray().Select(e => JsonNode.Parse(e.GetRawText()))];
        }

        var index = 0;
        foreach (var diffs in data.EnumerateArray())
        {
            if (index < current.Length)
            {
                current[index] = GradioDiff.Apply(current[index], diffs);
            }

            index++;
        }

        return current;
    }

    private static JsonElement[] ToElements(JsonNode?[] nodes) =>
        [.. nodes.Select(n => JsonElement.Parse(n?.ToJsonString() ?? "null"))];

    private static GradioAppException Failure(JsonElement root, string name)
    {
        var text = root.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Object &&
                   output.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
            ? error.GetString()
            : null;

        // Gradio 4.x sends gr.Error texts with Python repr quotes: 'prompt must not be empty'.
        if (text is { Length: >= 2 } && text[0] == '\'' && text[^1] == '\'')
        {
            text = text[1..^1];
        }

        return text is null
            ? new GradioAppException($"/{name} raised an error, but the app hid its text (show_error=False).", appMessage: null)
            : new GradioAppException($"/{name} raised an error: {text}", text);
    }
}
