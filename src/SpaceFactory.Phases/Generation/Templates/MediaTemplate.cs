using System.Text.Json;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>What templates that take or return media share: simulated file outputs that need an upload first.</summary>
internal abstract class MediaTemplate : PipelineTemplate
{
    /// <summary>
    /// Writes <c>{"mode": "fixed", "requires_upload": true, "outputs": [...]}</c>: the Sandbox answers only when the
    /// file input was really uploaded through the app, as a real app fails on a missing file.
    /// </summary>
    protected static void WriteFixedAfterUpload(Utf8JsonWriter writer, Action<Utf8JsonWriter> writeOutputs)
    {
        writer.WriteStartObject();
        writer.WriteString("mode", "fixed");
        writer.WriteBoolean("requires_upload", true);
        writer.WriteStartArray("outputs");
        writeOutputs(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
