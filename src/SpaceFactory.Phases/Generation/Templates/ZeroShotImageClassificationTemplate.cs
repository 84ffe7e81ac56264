using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// <c>zero-shot-image-classification</c> (CLIP-style): <c>/classify(image, candidate_labels)</c> scores the image against
/// comma-separated labels chosen at call time and returns a Gradio <c>Label</c>; the top label must be a candidate.
/// </summary>
internal sealed class ZeroShotImageClassificationTemplate : ImageInputTemplate
{
    public override string EndpointName => "classify";

    public override string FileName => "zero_shot_image_classification.py";

    public override void AddValues(PythonTemplateValues values, GradioAppRequest request)
    {
        base.AddValues(values, request);
        values.String("CANDIDATE_LABELS", string.Join(", ", Candidates(request)));
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteFixedAfterUpload(writer, w => WriteLabelValue(w, Candidates(request)));

    protected override void WriteOtherParameters(Utf8JsonWriter writer, GradioAppRequest request) =>
        GradioInfoWriter.TextboxParameter(writer, "candidate_labels", string.Join(", ", Candidates(request)));

    protected override void WriteOtherInputs(Utf8JsonWriter writer, GradioAppRequest request) =>
        writer.WriteStringValue(string.Join(", ", Candidates(request)));

    protected override void WriteReturns(Utf8JsonWriter writer, GradioAppRequest request) => GradioInfoWriter.LabelReturn(writer, "label");

    protected override OutputCheck CreateCheck(GradioAppRequest request) => new LabelScoresCheck(Candidates(request));

    /// <summary>The card's candidate labels (commas removed, as the app splits on them), or a neutral default set.</summary>
    internal static IReadOnlyList<string> Candidates(GradioAppRequest request)
    {
        var labels = request.Example.CandidateLabels?.Select(l => l.Replace(',', ' ').Trim()).Where(l => l.Length > 0).ToList();
        return labels is { Count: > 0 } ? labels : ["a photo of a cat", "a photo of a dog", "a colourful gradient"];
    }
}
