using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>fill-mask</c>: <c>/fill_mask(text)</c> returns the top candidates for the mask token as a <c>Label</c>.</summary>
internal sealed class FillMaskTemplate : PipelineTemplate
{
    public override string EndpointName => "fill_mask";

    public override string FileName => "fill_mask.py";

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.TextboxParameter(writer, "text", request.Example.Text);
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.LabelReturn(writer, "candidates");
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteFixed(writer, w => WriteLabelValue(w, ["[simulated token]", "[simulated alternative]"]));

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/fill_mask", Inputs(w => w.WriteStringValue(request.Example.Text)), new LabelScoresCheck());
}
