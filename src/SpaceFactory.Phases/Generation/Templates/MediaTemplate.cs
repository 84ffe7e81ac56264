using System.Text.Json;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>What templates that take or return media share: the card's example inputs and simulated file outputs.</summary>
internal abstract class MediaTemplate : PipelineTemplate
{
    /// <summary>The card's further examples (texts, or media URLs the analysis kept because they are on the Hub).</summary>
    protected static IReadOnlyList<string> Examples(GradioAppRequest request) => request.Examples ?? [];

    /// <summary>The saved dtype, or <c>auto</c> (Transformers then reads <c>torch_dtype</c> from config.json).</summary>
    protected static string DtypeOrAuto(GradioAppRequest request) => request.TorchDtype ?? "auto";

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
