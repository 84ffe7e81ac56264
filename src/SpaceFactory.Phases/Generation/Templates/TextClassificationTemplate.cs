using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>text-classification</c>: <c>/classify(text)</c> returns a Gradio <c>Label</c> with every label's score.</summary>
internal sealed class TextClassificationTemplate : PipelineTemplate
{
    public override string EndpointName => "classify";

    public override string Function(GradioAppRequest request) => """
        def classify(text: str) -> dict:
            "Score every label of the model for the text."
            if not text or not text.strip():
                raise gr.Error("text must not be empty")
            scores = pipe(text, top_k=None)
            return {item["label"]: float(item["score"]) for item in scores}
        """;

    public override string Ui(GradioAppRequest request) => """
            text = gr.Textbox(label="text", value=EXAMPLE, lines=3)
            label = gr.Label(label="label", num_top_classes=5)
            gr.Button("Classify").click(classify, inputs=text, outputs=label, api_name="classify")
        """;

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
