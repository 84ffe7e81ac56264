using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// Text in, text out: <c>text2text-generation</c> (<c>/generate</c>), <c>summarization</c> (<c>/summarize</c>) and
/// <c>translation</c> (<c>/translate</c>), which differ only in names and the pipeline's output key.
/// </summary>
internal sealed class TextToTextTemplate(string fileName, string endpointName, string outputLabel, string simulatedOutput) : PipelineTemplate
{
    public static TextToTextTemplate Text2Text { get; } = new("text2text_generation.py", "generate", "generated_text", "[simulated generated text]");

    public static TextToTextTemplate Summarization { get; } = new("summarization.py", "summarize", "summary", "[simulated summary]");

    public static TextToTextTemplate Translation { get; } = new("translation.py", "translate", "translation", "[simulated translation]");

    public override string EndpointName => endpointName;

    public override string FileName => fileName;

    public override IEnumerable<(string Package, string Version)> Requirements(GradioAppVersions versions, GradioAppRequest request)
    {
        foreach (var requirement in base.Requirements(versions, request))
        {
            yield return requirement;
        }

        if (request.Pipeline == SupportedPipeline.Translation)
        {
            yield return ("sacremoses", versions.SacreMoses);
        }
    }

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
