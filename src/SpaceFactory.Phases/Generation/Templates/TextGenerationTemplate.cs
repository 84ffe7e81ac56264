using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// <c>text-generation</c>: <c>/generate(prompt, max_new_tokens)</c> streams the prompt and its growing continuation
/// (a generator); the simulation streams the same way in chunks.
/// </summary>
internal sealed class TextGenerationTemplate : PipelineTemplate
{
    /// <summary>The chunks the simulated <c>/generate</c> yields after the prompt.</summary>
    public static readonly IReadOnlyList<string> SimulatedContinuation = [" [simulated", " continuation]"];

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
        writer.WriteString("suffix", string.Empty);
        SimulatedStream.Write(writer, SimulatedContinuation);
        writer.WriteEndObject();
    }

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/generate", Inputs(w =>
        {
            w.WriteStringValue(request.Example.Text);
            w.WriteNumberValue(16);
        }), new StartsWithPromptCheck(request.Example.Text));
}
