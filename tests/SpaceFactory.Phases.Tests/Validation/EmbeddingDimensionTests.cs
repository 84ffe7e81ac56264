using System.Text.Json;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Analysis;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Steps;
using SpaceFactory.Phases.Tests.Generation;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Tests.Validation;

/// <summary>An embedding passes only with the model's own dimension, read from config.json, when the factory knows it.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class EmbeddingDimensionTests
{
    private static JsonElement Embedding(int length)
    {
        using var document = JsonDocument.Parse($$"""{"dimensions": {{length}}, "embedding": [{{string.Join(", ", Enumerable.Repeat("0.5", length))}}]}""");
        return document.RootElement.Clone();
    }

    [Test]
    public void A_vector_of_another_length_than_the_models_fails_naming_both()
    {
        var verdict = new EmbeddingCheck(384).Evaluate([Embedding(4)]);

        Assert.That(verdict.Passed, Is.False);
        Assert.That(verdict.Reason, Does.Contain("a 4-dimensional embedding, but the model's vectors have 384 dimensions"));
        Assert.That(new EmbeddingCheck(384).Evaluate([Embedding(384)]).Passed, Is.True);
        Assert.That(new EmbeddingCheck().Evaluate([Embedding(4)]).Passed, Is.True, "an unknown dimension accepts any length");
    }

    [Test]
    public void The_dimension_survives_the_run_record()
    {
        var spec = OutputCheckSpec.From(new EmbeddingCheck(768));

        Assert.That(spec, Is.EqualTo(new OutputCheckSpec("embedding_vector", Dimensions: 768)));
        Assert.That(((EmbeddingCheck)spec.ToCheck()).ExpectedDimensions, Is.EqualTo(768));
    }

    [TestCase("""{"hidden_size": 384}""", 384)]
    [TestCase("""{"d_model": 512}""", 512)]
    [TestCase("""{"dim": 768}""", 768)]
    [TestCase("""{"text_config": {"hidden_size": 1024}}""", 1024)]
    [TestCase("""{"hidden_size": "384"}""", null)]
    [TestCase("""{"hidden_size": 0}""", null)]
    public void The_hidden_size_comes_from_config_json(string json, int? expected)
    {
        using var config = JsonDocument.Parse(json);

        var facts = ModelFactsBuilder.Build(RepoId.Parse("org/model"), new ModelInfo { Id = "org/model" }, card: null, canReadFiles: true, config.RootElement);

        Assert.That(facts.HiddenSize, Is.EqualTo(expected));
    }

    [TestCase("transformers", "pytorch_model.bin", 768)]
    [TestCase("sentence-transformers", "1_Pooling/config.json", 768)]
    [TestCase("sentence-transformers", "2_Dense/config.json", null)]
    public void The_analysis_knows_the_embedding_length_unless_a_dense_module_changes_it(string library, string file, int? expected)
    {
        var analysis = new ModelCardAnalyzer().Analyze(new ModelFacts
        {
            Id = RepoId.Parse("org/encoder"),
            PipelineTag = "feature-extraction",
            LibraryName = library,
            Files = [new ModelFileFacts("config.json", 600), new ModelFileFacts(file, 500)],
            HiddenSize = 768,
        });

        Assert.That(analysis.EmbeddingDimensions, Is.EqualTo(expected));
    }

    [TestCase(SupportedPipeline.FeatureExtraction)]
    [TestCase(SupportedPipeline.SentenceSimilarity)]
    public void The_probe_checks_the_models_dimension_and_the_simulation_has_it(SupportedPipeline pipeline)
    {
        var app = new GradioAppGenerator().Generate(GeneratedAppStructureTests.RequestFor(pipeline) with { EmbeddingDimensions = 384 });

        Assert.That(((EmbeddingCheck)app.Probe.Check).ExpectedDimensions, Is.EqualTo(384));
        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        var simulated = GradioAppGeneratorTests.Simulate(manifest.RootElement.GetProperty("simulation").GetProperty("/embed"), app.Probe.Inputs);
        var verdict = app.Probe.Check.Evaluate(simulated);
        Assert.That(verdict.Passed, Is.True, verdict.Reason);
        Assert.That(verdict.Reason, Does.Contain("384-dimensional"));
    }
}
