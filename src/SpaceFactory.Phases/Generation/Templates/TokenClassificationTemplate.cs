using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>token-classification</c>: <c>/extract(text)</c> returns the grouped entities as JSON.</summary>
internal sealed class TokenClassificationTemplate : PipelineTemplate
{
    public override string EndpointName => "extract";

    public override string Function(GradioAppRequest request) => """
        def extract(text: str) -> list:
            "Find the entities in the text (tokens grouped by the simple aggregation strategy)."
            if not text or not text.strip():
                raise gr.Error("text must not be empty")
            entities = pipe(text, aggregation_strategy="simple")
            return [
                {
                    "entity_group": entity.get("entity_group", entity.get("entity")),
                    "score": float(entity["score"]),
                    "word": entity["word"],
                    "start": entity.get("start"),
                    "end": entity.get("end"),
                }
                for entity in entities
            ]
        """;

    public override string Ui(GradioAppRequest request) => """
            text = gr.Textbox(label="text", value=EXAMPLE, lines=3)
            entities = gr.JSON(label="entities")
            gr.Button("Extract").click(extract, inputs=text, outputs=entities, api_name="extract")
        """;

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.TextboxParameter(writer, "text", request.Example.Text);
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.JsonReturn(writer, "entities");
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteFixed(writer, w =>
        {
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("entity_group", "SIMULATED");
            w.WriteNumber("score", 0.99);
            w.WriteString("word", "[simulated entity]");
            w.WriteNumber("start", 0);
            w.WriteNumber("end", 0);
            w.WriteEndObject();
            w.WriteEndArray();
        });

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/extract", Inputs(w => w.WriteStringValue(request.Example.Text)), new EntityListCheck());
}
