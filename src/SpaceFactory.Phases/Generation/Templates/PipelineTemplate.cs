using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>One pipeline's part of a generated app: its Python function and UI, its API schema, its simulated
/// behaviour for the Sandbox, and the probe that validates it.</summary>
internal abstract class PipelineTemplate
{
    /// <summary>The endpoint name without a slash, e.g. <c>generate</c>.</summary>
    public abstract string EndpointName { get; }

    /// <summary>The Python function(s) the endpoint runs; module-level, no indentation.</summary>
    public abstract string Function(GradioAppRequest request);

    /// <summary>The components and the event wiring, indented by four spaces (inside <c>with gr.Blocks()</c>).</summary>
    public abstract string Ui(GradioAppRequest request);

    /// <summary>Writes the endpoint's <c>parameters</c> and <c>returns</c> properties in Gradio's <c>/info</c> shape.</summary>
    public abstract void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request);

    /// <summary>Writes the endpoint's simulation object (see docs/sandbox.md) with clearly labelled outputs.</summary>
    public abstract void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request);

    /// <summary>The validation probe: inputs taken from the example and the check the output must pass.</summary>
    public abstract ValidationProbe CreateProbe(GradioAppRequest request);

    /// <summary>Turns values into the <see cref="JsonElement"/> inputs of a probe.</summary>
    internal static IReadOnlyList<JsonElement> Inputs(Action<Utf8JsonWriter> writeItems)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writeItems(writer);
            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Writes <c>{"mode": "fixed", "outputs": [ … ]}</c>.</summary>
    protected static void WriteFixed(Utf8JsonWriter writer, Action<Utf8JsonWriter> writeOutputs)
    {
        writer.WriteStartObject();
        writer.WriteString("mode", "fixed");
        writer.WriteStartArray("outputs");
        writeOutputs(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes a simulated Gradio <c>Label</c> value whose top label is the first of <paramref name="labels"/>.</summary>
    protected static void WriteLabelValue(Utf8JsonWriter writer, IReadOnlyList<string> labels)
    {
        writer.WriteStartObject();
        writer.WriteString("label", labels[0]);
        writer.WriteStartArray("confidences");
        var share = 1.0 / (labels.Count + 1);
        for (var i = 0; i < labels.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("label", labels[i]);
            writer.WriteNumber("confidence", i == 0 ? 2 * share : share);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
