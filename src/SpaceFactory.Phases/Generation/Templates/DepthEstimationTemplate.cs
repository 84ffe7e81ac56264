using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>depth-estimation</c>: <c>/estimate(image)</c> returns the depth map as a PNG the size of the input.</summary>
internal sealed class DepthEstimationTemplate : ImageInputTemplate
{
    public override string EndpointName => "estimate";

    public override string FileName => "depth_estimation.py";

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request)
    {
        // The probe's image is 64 × 64 (ProbeMedia.Png); the pipeline's depth map has the input's size.
        writer.WriteStartObject();
        writer.WriteString("mode", "image");
        writer.WriteBoolean("requires_upload", true);
        writer.WriteNumber("width", 64);
        writer.WriteNumber("height", 64);
        writer.WriteEndObject();
    }

    protected override void WriteReturns(Utf8JsonWriter writer, GradioAppRequest request) => GradioInfoWriter.FileReturn(writer, "depth", "Image");

    protected override OutputCheck CreateCheck(GradioAppRequest request) => new ImageFileCheck();
}
