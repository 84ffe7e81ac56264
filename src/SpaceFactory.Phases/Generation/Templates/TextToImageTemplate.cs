using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// <c>text-to-image</c> (diffusers): <c>/generate(prompt, steps, seed)</c> returns a PNG. On ZeroGPU the call is
/// <c>@spaces.GPU(duration=…)</c> and the pipeline moves to the GPU only inside it; distilled models (turbo, lightning,
/// LCM, schnell) get few steps and no guidance.
/// </summary>
internal sealed class TextToImageTemplate : MediaTemplate
{
    /// <summary>Seconds a ZeroGPU call may hold the GPU.</summary>
    public const int GpuSeconds = 60;

    public override int ZeroGpuSeconds => GpuSeconds;

    /// <summary>The side of the simulated image, in pixels.</summary>
    public const int SimulatedSize = 64;

    public override string EndpointName => "generate";

    public override string FileName => "text_to_image.py";

    public override void AddValues(PythonTemplateValues values, GradioAppRequest request)
    {
        var (steps, guidance) = Sampling(request);
        values.String("EXAMPLE", request.Example.Text)
            .StringList("EXAMPLES", Examples(request))
            .String("TORCH_DTYPE", Dtype(request))
            .Integer("STEPS", steps)
            .Float("GUIDANCE_SCALE", guidance);
    }

    public override IEnumerable<(string Package, string Version)> Requirements(GradioAppVersions versions, GradioAppRequest request)
    {
        yield return ("diffusers", versions.Diffusers);
        yield return ("transformers", versions.Transformers);
        yield return ("accelerate", versions.Accelerate);
        yield return ("torch", versions.Torch);
    }

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.TextboxParameter(writer, "prompt", request.Example.Text);
        GradioInfoWriter.SliderParameter(writer, "steps", 1, 50, Sampling(request).Steps);
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
        writer.WriteNumber("width", SimulatedSize);
        writer.WriteNumber("height", SimulatedSize);
        writer.WriteEndObject();
    }

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/generate", Inputs(w =>
        {
            w.WriteStringValue(request.Example.Text);
            w.WriteNumberValue(Sampling(request).Steps);
            w.WriteNumberValue(0);
        }), new ImageFileCheck());

    /// <summary>GPU weights in half precision unless saved in bfloat16; CPU in float32 (half precision is slow there).</summary>
    internal static string Dtype(GradioAppRequest request) =>
        !request.UseZeroGpu ? "float32" : request.TorchDtype is "bfloat16" ? "bfloat16" : "float16";

    internal static (int Steps, double Guidance) Sampling(GradioAppRequest request)
    {
        var name = request.Model.Name.ToLowerInvariant();
        if (name.Contains("turbo", StringComparison.Ordinal))
        {
            return (1, 0.0);
        }

        return name.Contains("lightning", StringComparison.Ordinal) || name.Contains("lcm", StringComparison.Ordinal) || name.Contains("schnell", StringComparison.Ordinal)
            ? (4, 0.0)
            : (25, 7.5);
    }
}
