using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// <c>image-to-image</c> (diffusers): <c>/edit(image, prompt, steps, seed)</c> returns a PNG. The pipeline class comes
/// from the repository's <c>model_index.json</c> (instruct-pix2pix, img2img); a text-to-image checkpoint is served
/// through the image-to-image pipeline of its family. ZeroGPU and dtypes as in <see cref="TextToImageTemplate"/>.
/// </summary>
internal sealed class ImageToImageTemplate : MediaTemplate
{
    /// <summary>Seconds a ZeroGPU call may hold the GPU.</summary>
    public const int GpuSeconds = TextToImageTemplate.GpuSeconds;

    public override int ZeroGpuSeconds => GpuSeconds;

    /// <summary>The fewest steps: image-to-image runs <c>steps × strength</c> of them, which must stay at least one.</summary>
    public const int MinimumSteps = 2;

    public override string EndpointName => "edit";

    public override string FileName => "image_to_image.py";

    public override void AddValues(PythonTemplateValues values, GradioAppRequest request)
    {
        values.String("EXAMPLE", request.Example.Text)
            .StringList("EXAMPLES", Examples(request))
            .String("TORCH_DTYPE", TextToImageTemplate.Dtype(request))
            .Integer("STEPS", Steps(request))
            .Float("GUIDANCE_SCALE", TextToImageTemplate.Sampling(request).Guidance);
    }

    public override IEnumerable<(string Package, string Version)> Requirements(GradioAppVersions versions, GradioAppRequest request) =>
        new TextToImageTemplate().Requirements(versions, request);

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.FileParameter(writer, "image", "Image");
        GradioInfoWriter.TextboxParameter(writer, "prompt", request.Example.Text);
        GradioInfoWriter.SliderParameter(writer, "steps", 1, 50, Steps(request));
        GradioInfoWriter.NumberParameter(writer, "seed", 0);
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.FileReturn(writer, "image", "Image");
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartObject();
        writer.WriteString("mode", "image");
        writer.WriteBoolean("requires_upload", true);
        writer.WriteNumber("width", TextToImageTemplate.SimulatedSize);
        writer.WriteNumber("height", TextToImageTemplate.SimulatedSize);
        writer.WriteEndObject();
    }

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/edit", Inputs(w =>
        {
            w.WriteNullValue();
            w.WriteStringValue(request.Example.Text);
            w.WriteNumberValue(Steps(request));
            w.WriteNumberValue(0);
        }), new ImageFileCheck())
        {
            Uploads = [new ProbeUpload(0, ProbeMedia.Png)],
        };

    private static int Steps(GradioAppRequest request) => Math.Max(MinimumSteps, TextToImageTemplate.Sampling(request).Steps);
}
