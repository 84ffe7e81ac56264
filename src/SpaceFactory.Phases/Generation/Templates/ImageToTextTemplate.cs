using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>image-to-text</c> (captioning): <c>/caption(image)</c> returns a non-empty caption.</summary>
internal sealed class ImageToTextTemplate : ImageInputTemplate
{
    public override string EndpointName => "caption";

    public override string FileName => "image_to_text.py";

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteFixedAfterUpload(writer, w => w.WriteStringValue("[simulated caption]"));

    protected override void WriteReturns(Utf8JsonWriter writer, GradioAppRequest request) => GradioInfoWriter.TextboxReturn(writer, "caption");

    protected override OutputCheck CreateCheck(GradioAppRequest request) => new NonEmptyTextCheck();
}
