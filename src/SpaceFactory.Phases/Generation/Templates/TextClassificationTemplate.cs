using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>text-classification</c>: <c>/classify(text)</c> returns a Gradio <c>Label</c> with every label's score.</summary>
internal sealed class TextClassificationTemplate : PipelineTemplate
{
    public override string EndpointName => "classify";

    public override string FileName => "text_classification.py";

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.TextboxParameter(writer, "text", request.Example.Text);
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.LabelReturn(writer, "label");
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteFixed(writer, w => WriteLabelValue(w, SimulatedLabels(request)));

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/classify", Inputs(w => w.WriteStringValue(request.Example.Text)),
            new LabelScoresCheck(request.Labels is { Count: > 0 } labels ? labels : null));

    private static IReadOnlyList<string> SimulatedLabels(GradioAppRequest request) =>
        request.Labels is { Count: > 0 } labels ? labels : ["LABEL_0", "LABEL_1"];
}
