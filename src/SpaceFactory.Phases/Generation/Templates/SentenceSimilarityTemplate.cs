using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// <c>sentence-similarity</c> (sentence-transformers): <c>/embed(text)</c> returns the normalised embedding (probed),
/// <c>/similarity(source_sentence, sentences)</c> scores one sentence per line as a <c>Label</c>.
/// </summary>
internal sealed class SentenceSimilarityTemplate : PipelineTemplate
{
    public override string EndpointName => "embed";

    public override string FileName => "sentence_similarity.py";

    public override void AddValues(PythonTemplateValues values, GradioAppRequest request)
    {
        base.AddValues(values, request);
        values.StringList("EXAMPLE_SENTENCES", Sentences(request));
    }

    public override IEnumerable<(string Package, string Version)> Requirements(GradioAppVersions versions, GradioAppRequest request)
    {
        yield return ("sentence-transformers", versions.SentenceTransformers);
        yield return ("transformers", versions.Transformers);
        yield return ("torch", versions.Torch);
    }

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request) => WriteTextToEmbeddingSchema(writer, request);

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteSimulatedEmbedding(writer, SimulatedVector(request, [0.5, 0.5, 0.5, 0.5]), tokens: null);

    public override IReadOnlyList<TemplateEndpoint> OtherEndpoints(GradioAppRequest request) =>
    [
        new("/similarity", w =>
        {
            w.WriteStartArray("parameters");
            GradioInfoWriter.TextboxParameter(w, "source_sentence", request.Example.Text);
            GradioInfoWriter.TextboxParameter(w, "sentences", string.Join('\n', Sentences(request)));
            w.WriteEndArray();
            w.WriteStartArray("returns");
            GradioInfoWriter.LabelReturn(w, "similarity");
            w.WriteEndArray();
        }, w => WriteFixed(w, o => WriteLabelValue(o, Sentences(request)))),
    ];

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/embed", Inputs(w => w.WriteStringValue(request.Example.Text)), new EmbeddingCheck(request.EmbeddingDimensions));

    private static IReadOnlyList<string> Sentences(GradioAppRequest request) =>
        request.Example.Sentences is { Count: > 0 } sentences ? sentences : ["A factory builds demos.", "The weather is sunny today."];
}
