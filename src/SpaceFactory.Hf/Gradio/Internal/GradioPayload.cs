using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SpaceFactory.Hf.Gradio.Internal;

/// <summary>Writes the request bodies of the simple API and the queue.</summary>
internal static class GradioPayload
{
    /// <summary><c>{"data": [...]}</c>.</summary>
    public static byte[] Data(IReadOnlyList<JsonElement> data) => Write(w => WriteData(w, data));

    /// <summary><c>{"data", "event_data": null, "fn_index", "trigger_id": null, "session_hash"}</c> as the JS client sends it.</summary>
    public static byte[] Join(IReadOnlyList<JsonElement> data, int fnIndex, string sessionHash) => Write(w =>
    {
        WriteData(w, data);
        w.WriteNull("event_data");
        w.WriteNumber("fn_index", fnIndex);
        w.WriteNull("trigger_id");
        w.WriteString("session_hash", sessionHash);
    });

    private static void WriteData(Utf8JsonWriter writer, IReadOnlyList<JsonElement> data)
    {
        writer.WriteStartArray("data");
        for (var i = 0; i < data.Count; i++)
        {
            data[i].WriteTo(writer);
        }

        writer.WriteEndArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs on every call: optimised from the first one
    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256); // written straight into, without a stream between
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
