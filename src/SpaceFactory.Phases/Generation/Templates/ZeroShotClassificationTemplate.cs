using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>zero-shot-classification</c>: <c>/classify(text, candidate_labels)</c> with comma-separated labels.</summary>
internal sealed class ZeroShotClassificationTemplate : PipelineTemplate
{
    public override string EndpointName => "classify";

    public override string Function(GradioAppRequest request) => """
        def classify(text: str, candidate_labels: str) -> dict:
            "Score each comma-separated candidate label for the text."
            labels = [label.strip() for label in candidate_labels.split(",") if label.strip()]
            if not text or not text.strip() or not labels:
                raise gr.Error("text and at least one candidate label are required")
            result = pipe(text, candidate_labels=labels)
            return {label: float(score) for label, score in zip(result["labels"], result["scores"])}
        """;

    public override string Ui(GradioAppRequest request) => """
            text = gr.Textbox(label="text", value=EXAMPLE, lines=3)
            candidate_labels = gr.Textbox(label="candidate_labels", value=", ".join(EXAMPLE_LABELS))
            label = gr.Label(label="label")
            gr.Button("Classify").click(classify, inputs=[text, candidate_labels], outputs=label, api_name="classify")
        """;

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.TextboxParameter(writer, "text", request.Example.Text);
        GradioInfoWriter.TextboxParameter(writer, "candidate_labels", string.Join(", ", Candidates(request)));
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.LabelReturn(writer, "label");
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteFixed(writer, w => WriteLabelValue(w, Candidates(request)));

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/classify", Inputs(w =>
        {
            w.WriteStringValue(request.Example.Text);
            w.WriteStringValue(string.Join(", ", Candidates(request)));
        }), new LabelScoresCheck(Candidates(request)));

    /// <summary>The example's candidate labels, or a neutral default set.</summary>
    internal static IReadOnlyList<string> Candidates(GradioAppRequest request) =>
        request.Example.CandidateLabels is { Count: > 0 } labels ? labels : ["positive", "negative", "neutral"];
}
