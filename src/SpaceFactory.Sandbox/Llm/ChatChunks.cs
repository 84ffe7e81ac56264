using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SpaceFactory.Sandbox.Llm;

/// <summary>The <c>chat.completion.chunk</c> objects of one streamed answer, as JSON texts.</summary>
internal static class ChatChunks
{
    public static IEnumerable<string> Text(string model, string content)
    {
        yield return Chunk(model, w => { w.WriteString("role", "assistant"); w.WriteString("content", string.Empty); });
        // Two deltas, as a real stream splits text.
        var half = content.Length / 2;
        yield return Chunk(model, w => w.WriteString("content", content[..half]));
        yield return Chunk(model, w => w.WriteString("content", content[half..]));
        yield return Chunk(model, _ => { }, "stop");
        yield return Usage(model);
    }

    public static IEnumerable<string> ToolCall(string model, string name, string arguments, int turn)
    {
        var id = "call_" + turn.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + name;
        yield return Chunk(model, w => { w.WriteString("role", "assistant"); w.WriteNull("content"); });
        yield return Chunk(model, w => ToolCalls(w, first =>
        {
            first.WriteString("id", id);
            first.WriteString("type", "function");
            first.WriteStartObject("function");
            first.WriteString("name", name);
            first.WriteString("arguments", string.Empty);
            first.WriteEndObject();
        }));
        // The arguments arrive in two fragments, as real providers stream them.
        var half = arguments.Length / 2;
        foreach (var fragment in new[] { arguments[..half], arguments[half..] })
        {
            yield return Chunk(model, w => ToolCalls(w, next =>
            {
                next.WriteStartObject("function");
                next.WriteString("arguments", fragment);
                next.WriteEndObject();
            }));
        }

        yield return Chunk(model, _ => { }, "tool_calls");
        yield return Usage(model);
    }

    private static void ToolCalls(Utf8JsonWriter w, Action<Utf8JsonWriter> writeCall)
    {
        w.WriteStartArray("tool_calls");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        writeCall(w);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static string Chunk(string model, Action<Utf8JsonWriter> writeDelta, string? finishReason = null) => Write(model, w =>
    {
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        writeDelta(w);
        w.WriteEndObject();
        if (finishReason is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finishReason);
        }

        w.WriteEndObject();
        w.WriteEndArray();
    });

    private static string Usage(string model) => Write(model, w =>
    {
        w.WriteStartArray("choices");
        w.WriteEndArray();
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", 100);
        w.WriteNumber("completion_tokens", 10);
        w.WriteNumber("total_tokens", 110);
        w.WriteEndObject();
    });

    private static string Write(string model, Action<Utf8JsonWriter> writeBody)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", "chatcmpl-sandbox");
            w.WriteString("object", "chat.completion.chunk");
            w.WriteNumber("created", 0);
            w.WriteString("model", model);
            writeBody(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
