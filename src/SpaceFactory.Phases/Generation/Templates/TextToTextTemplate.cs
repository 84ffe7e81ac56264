using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// Text in, text out: <c>text2text-generation</c> (<c>/generate</c>), <c>summarization</c> (<c>/summarize</c>) and
/// <c>translation</c> (<c>/translate</c>), which differ only in names and the pipeline's output key.
/// </summary>
internal sealed class TextToTextTemplate(string endpointName, string outputKey, string outputLabel, string simulatedOutput) : PipelineTemplate
{
    public static TextToTextTemplate Text2Text { get; } = new("generate", "generated_text", "generated_text", "[simulated generated text]");

    public static TextToTextTemplate Summarization { get; } = new("summarize", "summary_text", "summary", "[simulated summary]");

    public static TextToTextTemplate Translation { get; } = new("translate", "translation_text", "translation", "[simulated translation]");

    public override string EndpointName => endpointName;

    public override string Function(GradioAppRequest request) => $$"""
        def {{endpointName}}(text: str) -> str:
            "Run the model on the text and return its {{outputLabel}}."
            if not text or not text.strip():
                raise gr.Error("text must not be empty")
            result = pipe(text, truncation=True)
            return result[0]["{{outputKey}}"]
        """;

    public override string Ui(GradioAppRequest request) => $$"""
            text = gr.Textbox(label="text", value=EXAMPLE, lines=5)
            {{outputLabel}} = gr.Textbox(label="{{outputLabel}}")
            gr.Button("Run").click({{endpointName}}, inputs=text, outputs={{outputLabel}}, api_name="{{endpointName}}")
        """;

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.TextboxParameter(writer, "text", request.Example.Text);
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.TextboxReturn(writer, outputLabel);
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteFixed(writer, w => w.WriteStringValue(simulatedOutput));

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/" + endpointName, Inputs(w => w.WriteStringValue(request.Example.Text)), new NonEmptyTextCheck());
}
