using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// <c>object-detection</c>: <c>/detect(image, threshold)</c> returns a Gradio <c>AnnotatedImage</c> (the image with its
/// boxes) and the boxes as JSON. The probe asks for every box (threshold 0), since the factory's probe image is a
/// gradient in which a detector may find nothing at its usual threshold.
/// </summary>
internal sealed class ObjectDetectionTemplate : ImageInputTemplate
{
    /// <summary>The app's default score threshold.</summary>
    public const double Threshold = 0.5;

    public override string EndpointName => "detect";

    public override string FileName => "object_detection.py";

    public override void AddValues(PythonTemplateValues values, GradioAppRequest request)
    {
        base.AddValues(values, request);
        values.Float("THRESHOLD", Threshold);
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) => AnnotatedImageInfo.Simulation(writer, request, boxes: true);

    protected override void WriteOtherParameters(Utf8JsonWriter writer, GradioAppRequest request) =>
        GradioInfoWriter.SliderParameter(writer, "threshold", 0, 1, Threshold);

    protected override void WriteOtherInputs(Utf8JsonWriter writer, GradioAppRequest request) => writer.WriteNumberValue(0);

    protected override void WriteReturns(Utf8JsonWriter writer, GradioAppRequest request)
    {
        AnnotatedImageInfo.Return(writer, "detections");
        GradioInfoWriter.JsonReturn(writer, "boxes");
    }

    protected override OutputCheck CreateCheck(GradioAppRequest request) => new AnnotatedImageCheck(withBoxes: true);
}
