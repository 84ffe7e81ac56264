using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>image-segmentation</c>: <c>/segment(image)</c> returns a Gradio <c>AnnotatedImage</c> with one labelled mask per segment.</summary>
internal sealed class ImageSegmentationTemplate : ImageInputTemplate
{
    public override string EndpointName => "segment";

    public override string FileName => "image_segmentation.py";

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) => AnnotatedImageInfo.Simulation(writer, request, boxes: false);

    protected override void WriteReturns(Utf8JsonWriter writer, GradioAppRequest request) => AnnotatedImageInfo.Return(writer, "segments");

    protected override OutputCheck CreateCheck(GradioAppRequest request) => new AnnotatedImageCheck(withBoxes: false);
}
