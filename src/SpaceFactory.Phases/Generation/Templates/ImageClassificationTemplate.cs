using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// <c>image-classification</c>: <c>/classify(image)</c> returns a Gradio <c>Label</c> with the top five scores. The
/// Transformers variant runs the pipeline in the saved dtype; the timm variant loads <c>hf-hub:</c> with timm's own
/// preprocessing and ImageNet label names.
/// </summary>
internal sealed class ImageClassificationTemplate(bool timm) : MediaTemplate
{
    public static ImageClassificationTemplate Transformers { get; } = new(timm: false);

    public static ImageClassificationTemplate Timm { get; } = new(timm: true);

    public override string EndpointName => "classify";

    public override string FileName => timm ? "image_classification_timm.py" : "image_classification.py";

    public override void AddValues(PythonTemplateValues values, GradioAppRequest request)
    {
        values.StringList("EXAMPLES", Examples(request));
        if (!timm)
        {
            values.String("TORCH_DTYPE", DtypeOrAuto(request));
        }
    }

    public override IEnumerable<(string Package, string Version)> Requirements(GradioAppVersions versions, GradioAppRequest request)
    {
        if (timm)
        {
            yield return ("timm", versions.Timm);
        }
        else
        {
            yield return ("transformers", versions.Transformers);
        }

        yield return ("torch", versions.Torch);
        yield return ("torchvision", versions.TorchVision);
    }

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.FileParameter(writer, "image", "Image");
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.LabelReturn(writer, "label");
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteFixedAfterUpload(writer, w => WriteLabelValue(w, request.Labels is { Count: > 0 } labels ? [.. labels.Take(5)] : ["[simulated label]", "[simulated alternative]"]));

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/classify", Inputs(w => w.WriteNullValue()), new LabelScoresCheck(request.Labels is { Count: > 0 } labels ? labels : null))
        {
            Uploads = [new ProbeUpload(0, ProbeMedia.Png)],
        };
}
