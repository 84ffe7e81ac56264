using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// What the vision templates share: a Transformers pipeline over one uploaded image (first input), loaded in the saved
/// dtype, with the card's image URLs as examples; the probe uploads the factory's own PNG.
/// </summary>
internal abstract class ImageInputTemplate : MediaTemplate
{
    public override void AddValues(PythonTemplateValues values, GradioAppRequest request) =>
        values.String("TORCH_DTYPE", DtypeOrAuto(request)).StringList("EXAMPLES", Examples(request));

    public override IEnumerable<(string Package, string Version)> Requirements(GradioAppVersions versions, GradioAppRequest request)
    {
        yield return ("transformers", versions.Transformers);
        yield return ("torch", versions.Torch);
        yield return ("torchvision", versions.TorchVision);
    }

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.FileParameter(writer, "image", "Image");
        WriteOtherParameters(writer, request);
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        WriteReturns(writer, request);
        writer.WriteEndArray();
    }

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/" + EndpointName, Inputs(w =>
        {
            w.WriteNullValue();
            WriteOtherInputs(w, request);
        }), CreateCheck(request))
        {
            Uploads = [new ProbeUpload(0, ProbeMedia.Png)],
        };

    /// <summary>Writes the parameters after the image (none by default).</summary>
    protected virtual void WriteOtherParameters(Utf8JsonWriter writer, GradioAppRequest request)
    {
    }

    /// <summary>Writes the probe's inputs after the image (none by default).</summary>
    protected virtual void WriteOtherInputs(Utf8JsonWriter writer, GradioAppRequest request)
    {
    }

    /// <summary>Writes the endpoint's returns.</summary>
    protected abstract void WriteReturns(Utf8JsonWriter writer, GradioAppRequest request);

    /// <summary>The check the probe's output must pass.</summary>
    protected abstract OutputCheck CreateCheck(GradioAppRequest request);
}
