using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>feature-extraction</c>: <c>/embed(text)</c> returns the mean-pooled embedding and its size.</summary>
internal sealed class FeatureExtractionTemplate : PipelineTemplate
{
    public override string EndpointName => "embed";

    public override string FileName => "feature_extraction.py";

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request) => WriteTextToEmbeddingSchema(writer, request);

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteSimulatedEmbedding(writer, SimulatedVector(request, [0.1, 0.2, 0.3, 0.4]), tokens: 1);

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/embed", Inputs(w => w.WriteStringValue(request.Example.Text)), new EmbeddingCheck(request.EmbeddingDimensions));
}
