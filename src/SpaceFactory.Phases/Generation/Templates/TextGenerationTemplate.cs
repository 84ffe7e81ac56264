using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>text-generation</c>: <c>/generate(prompt, max_new_tokens)</c> returns the prompt and its continuation.</summary>
internal sealed class TextGenerationTemplate : PipelineTemplate
{
    public override string EndpointName => "generate";

    public override string FileName => "text_generation.py";

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.TextboxParameter(writer, "prompt", request.Example.Text);
        GradioInfoWriter.SliderParameter(writer, "max_new_tokens", 1, 256, 32);
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.TextboxReturn(writer, "generated_text");
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartObject();
        writer.WriteString("mode", "echo_prefix");
        writer.WriteString("suffix", " [simulated continuation]");
        writer.WriteEndObject();
    }

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/generate", Inputs(w =>
        {
            w.WriteStringValue(request.Example.Text);
            w.WriteNumberValue(16);
        }), new StartsWithPromptCheck(request.Example.Text));
}
