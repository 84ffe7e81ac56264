using System.Buffers;
using System.Text;
using System.Text.Json;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>The <c>data: {...}</c> messages of the queue stream (<c>/queue/data</c>), in the key order of a real server.</summary>
internal static class GradioQueueMessages
{
    /// <summary>The last message of a session's stream.</summary>
    public static readonly byte[] CloseStream = Encoding.UTF8.GetBytes("data: {\"msg\":\"close_stream\",\"event_id\":null}\n\n");

    public static byte[] Estimation(string eventId) => Message(w =>
    {
        w.WriteString("msg", "estimation");
        w.WriteString("event_id", eventId);
        w.WriteNumber("rank", 0);
        w.WriteNumber("queue_size", 1);
        w.WriteNull("rank_eta");
    });

    public static byte[] ProcessStarts(string eventId) => Message(w =>
    {
        w.WriteString("msg", "process_starts");
        w.WriteString("event_id", eventId);
        w.WriteNull("eta");
    });

    public static byte[] Completion(GradioManifest manifest, string eventId, GradioOutcome outcome) => Message(w =>
    {
        w.WriteString("msg", "process_completed");
        w.WriteString("event_id", eventId);
        w.WritePropertyName("output");
        if (outcome.Success)
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            outcome.Outputs!.WriteTo(w);
            w.WriteBoolean("is_generating", false);
            w.WriteNumber("duration", 0.0001);
            w.WriteNumber("average_duration", 0.0001);
            w.WriteNull("render_config");
            w.WriteStartArray("changed_state_ids");
            w.WriteEndArray();
            w.WriteNull("used_cache");
            w.WriteEndObject();
        }
        else
        {
            outcome.ErrorPayload(manifest).WriteTo(w);
        }

        w.WriteBoolean("success", outcome.Success);
        if (outcome.Success)
        {
            w.WriteNull("title");
        }
        else
        {
            w.WriteString("title", "Error");
        }

        w.WriteNull("used_cache");
        if (outcome.Success)
        {
            w.WriteNumber("cache_duration", 0.0001);
            w.WriteNumber("avg_time", 0.0001);
        }
        else
        {
            w.WriteNull("cache_duration");
            w.WriteNull("avg_time");
        }
    });

    private static byte[] Message(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(buffer, SandboxJsonContext.WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
