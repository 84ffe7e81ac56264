using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>fill-mask</c>: <c>/fill_mask(text)</c> returns the top candidates for the mask token as a <c>Label</c>.</summary>
internal sealed class FillMaskTemplate : PipelineTemplate
{
    public override string EndpointName => "fill_mask";

    public override string Function(GradioAppRequest request) => """
        def fill_mask(text: str) -> dict:
            "Score the five best tokens for the model's mask token in the text."
            mask = pipe.tokenizer.mask_token
            if not text or mask not in text:
                raise gr.Error(f"text must contain the mask token {mask}")
            return {candidate["token_str"].strip() or candidate["token_str"]: float(candidate["score"]) for candidate in pipe(text, top_k=5)}
        """;

    public override string Ui(GradioAppRequest request) => """
            text = gr.Textbox(label="text", value=EXAMPLE, lines=2)
            candidates = gr.Label(label="candidates", num_top_classes=5)
            gr.Button("Fill").click(fill_mask, inputs=text, outputs=candidates, api_name="fill_mask")
        """;

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.TextboxParameter(writer, "text", request.Example.Text);
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.LabelReturn(writer, "candidates");
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteFixed(writer, w => WriteLabelValue(w, ["[simulated token]", "[simulated alternative]"]));

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/fill_mask", Inputs(w => w.WriteStringValue(request.Example.Text)), new LabelScoresCheck());
}
