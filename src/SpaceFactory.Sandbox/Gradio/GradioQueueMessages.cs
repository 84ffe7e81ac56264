using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// One yield of a generator: <c>process_generating</c> with <paramref name="data"/> (in full or as diffs). Gradio 5 and
    /// later add <c>output.used_cache</c> and <c>time_limit</c>, which 4.x does not send.
    /// </summary>
    public static byte[] Generating(GradioManifest manifest, string eventId, JsonArray data) => Message(w =>
    {
        w.WriteString("msg", "process_generating");
        w.WriteString("event_id", eventId);
        WriteOutput(w, manifest, data, isGenerating: true);
        w.WriteBoolean("success", true);
        if (manifest.Major >= 5)
        {
            w.WriteNull("time_limit");
        }
    });

    /// <summary>
    /// <c>process_completed</c>: the outputs or the error dict. Gradio 5 and later add <c>title</c>, <c>used_cache</c>,
    /// <c>cache_duration</c> and <c>avg_time</c>; 4.x ends the message at <c>success</c>.
    /// </summary>
    public static byte[] Completion(GradioManifest manifest, string eventId, GradioOutcome outcome) => Message(w =>
    {
        w.WriteString("msg", "process_completed");
        w.WriteString("event_id", eventId);
        if (outcome.Success)
        {
            WriteOutput(w, manifest, outcome.Outputs!, isGenerating: false);
        }
        else
        {
            w.WritePropertyName("output");
            outcome.ErrorPayload(manifest).WriteTo(w);
        }

        w.WriteBoolean("success", outcome.Success);
        if (manifest.Major < 5)
        {
            return;
        }

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

    private static void WriteOutput(Utf8JsonWriter w, GradioManifest manifest, JsonArray data, bool isGenerating)
    {
        w.WritePropertyName("output");
        w.WriteStartObject();
        w.WritePropertyName("data");
        data.WriteTo(w);
        w.WriteBoolean("is_generating", isGenerating);
        w.WriteNumber("duration", 0.0001);
        w.WriteNumber("average_duration", 0.0001);
        w.WriteNull("render_config");
        w.WriteStartArray("changed_state_ids");
        w.WriteEndArray();
        if (manifest.Major >= 5)
        {
            w.WriteNull("used_cache");
        }

        w.WriteEndObject();
    }

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
