using SpaceFactory.Hf;
using SpaceFactory.Phases.Analysis;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Tests.Analysis;

/// <summary>The task and library decisions beyond the Transformers text pipelines.</summary>
[TestFixture]
public class ModelCardAnalyzerTaskTests
{
    private static readonly ModelCardAnalyzer Analyzer = new();

    private static ModelFacts Model(string tag, string library, params string[] files) => new()
    {
        Id = RepoId.Parse("org/model"),
        PipelineTag = tag,
        LibraryName = library,
        Files = [.. files.Select(f => new ModelFileFacts(f, 1000))],
        SafetensorsParameters = 1_000_000,
    };

    [Test]
    public void A_text_generation_model_with_a_chat_template_gets_the_chat_template_and_its_saved_dtype()
    {
        var analysis = Analyzer.Analyze(Model("text-generation", "transformers", "config.json", "model.safetensors") with
        {
            HasChatTemplate = true,
            WeightDtype = "bfloat16",
            Card = new ModelCardFacts { Widget = [new WidgetExample(null) { UserMessage = "Hi there" }] },
        });

        Assert.That(analysis.Supported, Is.True, analysis.Reason);
        Assert.That(analysis.Pipeline, Is.EqualTo(SupportedPipeline.Chat));
        Assert.That(analysis.Reason, Does.Contain("chat template"));
        Assert.That(analysis.TorchDtype, Is.EqualTo("bfloat16"));
        Assert.That(analysis.Example!.Text, Is.EqualTo("Hi there"));
    }

    [Test]
    public void The_same_model_without_a_chat_template_stays_text_generation()
    {
        var analysis = Analyzer.Analyze(Model("text-generation", "transformers", "config.json", "model.safetensors"));
        Assert.That(analysis.Pipeline, Is.EqualTo(SupportedPipeline.TextGeneration));
    }

    [Test]
    public void Sentence_transformers_feature_extraction_is_served_as_sentence_similarity()
    {
        var analysis = Analyzer.Analyze(Model("feature-extraction", "sentence-transformers", "modules.json", "config.json", "model.safetensors"));
        Assert.That(analysis.Pipeline, Is.EqualTo(SupportedPipeline.SentenceSimilarity));
        Assert.That(analysis.Library, Is.EqualTo("sentence-transformers"));
    }

    [Test]
    public void Sentence_similarity_takes_its_example_from_the_widget()
    {
        var analysis = Analyzer.Analyze(Model("sentence-similarity", "sentence-transformers", "modules.json") with
        {
            Card = new ModelCardFacts { Widget = [new WidgetExample(null) { SourceSentence = "A cat", Sentences = ["A dog", "  ", "A kitten"] }] },
        });
        Assert.That(analysis.Example!.Text, Is.EqualTo("A cat"));
        Assert.That(analysis.Example.Sentences, Is.EqualTo(new[] { "A dog", "A kitten" }));
        Assert.That(analysis.ExampleSource, Is.EqualTo("widget"));
    }

    [Test]
    public void A_diffusers_repository_without_model_index_is_unsupported_naming_the_file()
    {
        var analysis = Analyzer.Analyze(Model("text-to-image", "diffusers", "unet/diffusion_pytorch_model.safetensors"));
        Assert.That(analysis.Supported, Is.False);
        Assert.That(analysis.Reason, Does.Contain("model_index.json").And.Contain("diffusers"));
    }

    [Test]
    public void A_known_library_on_a_task_it_does_not_serve_is_unsupported_naming_both()
    {
        var analysis = Analyzer.Analyze(Model("text-classification", "timm", "config.json"));
        Assert.That(analysis.Supported, Is.False);
        Assert.That(analysis.Reason, Does.Contain("'timm'").And.Contain("text-classification").And.Contain("transformers"));
    }

    [Test]
    public void Media_examples_keep_only_https_urls_on_the_hub()
    {
        var analysis = Analyzer.Analyze(Model("image-classification", "timm", "config.json") with
        {
            Card = new ModelCardFacts
            {
                Widget =
                [
                    new WidgetExample(null) { Source = "https://huggingface.co/datasets/mishig/sample_images/resolve/main/tiger.jpg" },
                    new WidgetExample(null) { Source = "https://cdn-media.huggingface.co/speech_samples/sample1.flac" },
                    new WidgetExample(null) { Source = "http://huggingface.co/insecure.jpg" },
                    new WidgetExample(null) { Source = "https://huggingface.co.evil.example/x.jpg" },
                    new WidgetExample(null) { Source = "https://example.com/x.jpg" },
                ],
            },
        });

        Assert.That(analysis.Supported, Is.True, analysis.Reason);
        Assert.That(analysis.Examples, Is.EqualTo(new[]
        {
            "https://huggingface.co/datasets/mishig/sample_images/resolve/main/tiger.jpg",
            "https://cdn-media.huggingface.co/speech_samples/sample1.flac",
        }));
        Assert.That(analysis.ExampleSource, Is.EqualTo("default"), "the probe sends its own image, never a card URL");
    }

    [Test]
    public void Text_to_image_prefers_zerogpu_even_when_the_model_fits_cpu()
    {
        var analysis = Analyzer.Analyze(Model("text-to-image", "diffusers", "model_index.json", "unet/diffusion_pytorch_model.safetensors"));
        var recommendation = new RuntimeRecommender().Recommend(analysis);
        Assert.That(recommendation.Flavors, Is.EqualTo(new[] { "zero-a10g", "cpu-basic" }));
        Assert.That(new RuntimeRecommender().Recommend(analysis, new RuntimeOptions { AllowZeroGpu = false }).Flavors, Is.EqualTo(new[] { "cpu-basic" }));
    }
}
