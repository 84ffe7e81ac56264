using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>token-classification</c>: <c>/extract(text)</c> returns the grouped entities as JSON.</summary>
internal sealed class TokenClassificationTemplate : PipelineTemplate
{
    public override string EndpointName => "extract";

    public override string FileName => "token_classification.py";

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
