using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>text-generation</c>: <c>/generate(prompt, max_new_tokens)</c> returns the prompt and its continuation.</summary>
internal sealed class TextGenerationTemplate : PipelineTemplate
{
    public override string EndpointName => "generate";

    public override string Function(GradioAppRequest request) => """
        def generate(prompt: str, max_new_tokens: float = 32) -> str:
            "Continue the prompt greedily (deterministic) and return prompt + continuation."
            if not prompt or not prompt.strip():
                raise gr.Error("prompt must not be empty")
            result = pipe(prompt, max_new_tokens=int(max_new_tokens), do_sample=False, return_full_text=True)
            return result[0]["generated_text"]
        """;

    public override string Ui(GradioAppRequest request) => """
            prompt = gr.Textbox(label="prompt", value=EXAMPLE, lines=3)
            max_new_tokens = gr.Slider(1, 256, value=32, step=1, label="max_new_tokens")
            generated_text = gr.Textbox(label="generated_text")
            gr.Button("Generate").click(generate, inputs=[prompt, max_new_tokens], outputs=generated_text, api_name="generate")
        """;

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
