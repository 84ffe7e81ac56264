using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>zero-shot-classification</c>: <c>/classify(text, candidate_labels)</c> with comma-separated labels.</summary>
internal sealed class ZeroShotClassificationTemplate : PipelineTemplate
{
    public override string EndpointName => "classify";

    public override string FileName => "zero_shot_classification.py";

    public override void AddValues(PythonTemplateValues values, GradioAppRequest request) =>
        values.String("EXAMPLE", request.Example.Text).StringList("EXAMPLE_LABELS", Candidates(request)).String("TORCH_DTYPE", DtypeOrAuto(request));

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
