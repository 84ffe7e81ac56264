using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>question-answering</c>: <c>/answer(question, context)</c> returns the answer span with its score.</summary>
internal sealed class QuestionAnsweringTemplate : PipelineTemplate
{
    public override string EndpointName => "answer";

    public override string Function(GradioAppRequest request) => """
        def answer(question: str, context: str) -> dict:
            "Find the answer to the question in the context."
            if not question or not question.strip() or not context or not context.strip():
                raise gr.Error("question and context must not be empty")
            result = pipe(question=question, context=context)
            return {"answer": result["answer"], "score": float(result["score"]), "start": int(result["start"]), "end": int(result["end"])}
        """;

    public override string Ui(GradioAppRequest request) => """
            question = gr.Textbox(label="question", value=EXAMPLE)
            context = gr.Textbox(label="context", value=EXAMPLE_CONTEXT, lines=6)
            result = gr.JSON(label="answer")
            gr.Button("Answer").click(answer, inputs=[question, context], outputs=result, api_name="answer")
        """;

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
