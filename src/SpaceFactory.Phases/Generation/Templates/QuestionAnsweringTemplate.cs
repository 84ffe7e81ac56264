using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>question-answering</c>: <c>/answer(question, context)</c> returns the answer span with its score.</summary>
internal sealed class QuestionAnsweringTemplate : PipelineTemplate
{
    public override string EndpointName => "answer";

    public override string FileName => "question_answering.py";

    public override void AddValues(PythonTemplateValues values, GradioAppRequest request) =>
        values.String("EXAMPLE", request.Example.Text).String("EXAMPLE_CONTEXT", Context(request)).String("TORCH_DTYPE", DtypeOrAuto(request));

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.TextboxParameter(writer, "question", request.Example.Text);
        GradioInfoWriter.TextboxParameter(writer, "context", Context(request));
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.JsonReturn(writer, "answer");
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteFixed(writer, w =>
        {
            w.WriteStartObject();
            w.WriteString("answer", "[simulated answer]");
            w.WriteNumber("score", 0.5);
            w.WriteNumber("start", 0);
            w.WriteNumber("end", 0);
            w.WriteEndObject();
        });

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/answer", Inputs(w =>
        {
            w.WriteStringValue(request.Example.Text);
            w.WriteStringValue(Context(request));
        }), new AnswerSpanCheck());

    /// <summary>The context of the example, or a neutral default passage.</summary>
    internal static string Context(GradioAppRequest request) =>
        request.Example.Context ?? "SpaceFactory builds private Gradio Spaces from model cards and validates their live API.";
}
