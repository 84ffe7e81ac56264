using SpaceFactory.Hf;
using SpaceFactory.Phases.Analysis;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Tests.Analysis;

/// <summary>GGUF repositories: which files llama.cpp can load, the quantisation chosen for the memory, and the hardware.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class GgufAnalysisTests
{
    private const long Gib = 1024L * 1024 * 1024;
    private static readonly ModelCardAnalyzer Analyzer = new();

    /// <summary>TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF's quantisations with their sizes as the Hub lists them.</summary>
    private static readonly ModelFileFacts[] TinyLlama =
    [
        new("README.md", 20_000),
        new("config.json", 31),
        new("tinyllama-1.1b-chat-v1.0.Q2_K.gguf", 482_149_440),
        new("tinyllama-1.1b-chat-v1.0.Q3_K_M.gguf", 550_938_976),
        new("tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf", 668_788_096),
        new("tinyllama-1.1b-chat-v1.0.Q5_K_M.gguf", 782_045_248),
        new("tinyllama-1.1b-chat-v1.0.Q8_0.gguf", 1_169_807_680),
    ];

    private static ModelFacts Gguf(params ModelFileFacts[] files) => new()
    {
        Id = RepoId.Parse("TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF"),
        PipelineTag = "text-generation",
        LibraryName = "gguf",
        Files = files,
    };

    [TestCase("tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf", "Q4_K_M")]
    [TestCase("llama-2-7b.Q8_0.gguf", "Q8_0")]
    [TestCase("model-q4_k_m.gguf", "Q4_K_M")]
    [TestCase("Llama-3.2-1B-Instruct-IQ4_XS.gguf", "IQ4_XS")]
    [TestCase("Phi-3-mini-4k-instruct-q3_k_l.gguf", "Q3_K_L")]
    [TestCase("qwen2.5-0.5b-instruct-fp16.gguf", "F16")]
    [TestCase("gemma-2b.Q2_K.gguf", "Q2_K")]
    [TestCase("sub/folder/model-BF16.gguf", "BF16")]
    [TestCase("model.gguf", "unknown")]
    public void The_quantisation_is_read_from_the_file_name(string path, string expected) =>
        Assert.That(GgufFiles.QuantizationOf(path), Is.EqualTo(expected));

    [Test]
    public void Split_parts_and_vision_projectors_are_not_loadable_files()
    {
        var files = GgufFiles.Loadable([
            new("model-Q4_K_M-00001-of-00002.gguf", 10), new("model-Q4_K_M-00002-of-00002.gguf", 10),
            new("mmproj-model-f16.gguf", 10), new("model-Q8_0.gguf", 10), new("README.md", 10)]);

        Assert.That(files.Select(f => f.Path), Is.EqualTo(new[] { "model-Q8_0.gguf" }));
    }

    [Test]
    public void Q4_K_M_is_chosen_when_it_fits_and_smaller_quantisations_when_memory_is_short()
    {
        var files = GgufFiles.Loadable(TinyLlama);

        Assert.That(GgufQuantization.Choose(files, 12 * Gib)!.Quantization, Is.EqualTo("Q4_K_M"), "CPU basic: the preferred balance");
        var q4 = GgufQuantization.EstimateMemory(668_788_096);
        var q3 = GgufQuantization.EstimateMemory(550_938_976);
        Assert.That(GgufQuantization.Choose(files, q4)!.Quantization, Is.EqualTo("Q4_K_M"), "exactly enough");
        Assert.That(GgufQuantization.Choose(files, q4 - 1)!.Quantization, Is.EqualTo("Q3_K_M"), "the largest smaller file that fits");
        Assert.That(GgufQuantization.Choose(files, q3 - 1)!.Quantization, Is.EqualTo("Q2_K"));
        Assert.That(GgufQuantization.Choose(files, 1)!.Quantization, Is.EqualTo("Q2_K"), "nothing fits: the smallest, for the recommender to refuse");
        Assert.That(GgufQuantization.Choose([], 12 * Gib), Is.Null);
    }

    [Test]
    public void Without_Q4_K_M_the_next_preferred_quantisations_come_when_memory_allows()
    {
        var files = GgufFiles.Loadable([.. TinyLlama.Where(f => !f.Path.Contains("Q4_K_M", StringComparison.Ordinal))]);

        Assert.That(GgufQuantization.Choose(files, 12 * Gib)!.Quantization, Is.EqualTo("Q5_K_M"));
        var withoutQ5 = files.Where(f => f.Quantization != "Q5_K_M").ToList();
        Assert.That(GgufQuantization.Choose(withoutQ5, 12 * Gib)!.Quantization, Is.EqualTo("Q8_0"));
        Assert.That(GgufQuantization.Choose(withoutQ5, GgufQuantization.EstimateMemory(1_169_807_680) - 1)!.Quantization, Is.EqualTo("Q3_K_M"), "Q8_0 does not fit");
    }

    [Test]
    public void A_gguf_repository_is_a_llama_cpp_chat_of_the_chosen_file_with_an_estimated_size()
    {
        var analysis = Analyzer.Analyze(Gguf(TinyLlama));

        Assert.That(analysis.Supported, Is.True, analysis.Reason);
        Assert.That(analysis.Pipeline, Is.EqualTo(SupportedPipeline.GgufChat));
        Assert.That(analysis.Library, Is.EqualTo("gguf"));
        Assert.That(analysis.GgufFile, Is.EqualTo("tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf"));
        Assert.That(analysis.WeightBytes, Is.EqualTo(668_788_096));
        Assert.That(analysis.Parameters, Is.InRange(1_050_000_000, 1_150_000_000), "TinyLlama has 1.1 B parameters");
        Assert.That(analysis.ParametersSource, Is.EqualTo("gguf-file"));
        Assert.That(analysis.Example!.Text, Does.Contain("capital of France"));
    }

    [Test]
    public void A_repository_with_transformers_weights_and_gguf_files_stays_with_transformers_unless_it_says_gguf()
    {
        var mixed = Gguf([new("config.json", 100), new("model.safetensors", 1000), new("model.Q4_K_M.gguf", 500)]) with { LibraryName = "transformers" };

        Assert.That(Analyzer.Analyze(mixed).Pipeline, Is.EqualTo(SupportedPipeline.TextGeneration));
        Assert.That(Analyzer.Analyze(mixed with { LibraryName = "gguf" }).Pipeline, Is.EqualTo(SupportedPipeline.GgufChat));
    }

    [Test]
    public void A_gguf_repository_of_another_task_or_with_split_files_only_is_unsupported_saying_why()
    {
        var embedding = Analyzer.Analyze(Gguf(new ModelFileFacts("nomic-embed.Q4_K_M.gguf", 100)) with { PipelineTag = "feature-extraction" });
        var split = Analyzer.Analyze(Gguf(new ModelFileFacts("big-Q4_K_M-00001-of-00002.gguf", 100), new ModelFileFacts("big-Q4_K_M-00002-of-00002.gguf", 100)));

        Assert.That(embedding.Supported, Is.False);
        Assert.That(embedding.Reason, Does.Contain("'feature-extraction'").And.Contain("llama.cpp chat"));
        Assert.That(split.Supported, Is.False);
        Assert.That(split.Reason, Does.Contain("split in parts"));
    }

    [Test]
    public void A_gguf_chat_runs_on_cpu_basic_when_its_file_fits_and_never_asks_for_a_gpu()
    {
        var analysis = Analyzer.Analyze(Gguf(TinyLlama));
        var recommendation = new RuntimeRecommender().Recommend(analysis, new RuntimeOptions { AllowFixedGpu = true });

        Assert.That(recommendation.Flavors, Is.EqualTo(new[] { "cpu-basic" }));
        Assert.That(recommendation.UsesZeroGpu, Is.False);
        Assert.That(recommendation.EstimatedMemoryBytes, Is.EqualTo(GgufQuantization.EstimateMemory(668_788_096)));
        Assert.That(recommendation.Reasons.Single(), Does.Contain("tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf").And.Contain("llama.cpp"));
    }

    [Test]
    public void A_7b_gguf_fits_cpu_basic_in_Q4_K_M_although_its_parameters_exceed_the_cpu_limit()
    {
        var analysis = Analyzer.Analyze(Gguf(new ModelFileFacts("llama-2-7b.Q4_K_M.gguf", 4_081_004_224), new ModelFileFacts("llama-2-7b.Q8_0.gguf", 7_161_089_728)));

        Assert.That(analysis.Parameters, Is.GreaterThan(new RuntimeOptions().CpuParameterLimit));
        Assert.That(new RuntimeRecommender().Recommend(analysis).Flavors, Is.EqualTo(new[] { "cpu-basic" }));
    }

    [Test]
    public void A_gguf_file_larger_than_cpu_memory_needs_hardware_chosen_by_hand()
    {
        var analysis = Analyzer.Analyze(Gguf(new ModelFileFacts("llama-2-70b.Q4_K_M.gguf", 41_400_000_000)));
        var recommendation = new RuntimeRecommender().Recommend(analysis);

        Assert.That(analysis.Supported, Is.True);
        Assert.That(analysis.Reason, Does.Contain("none fits CPU basic"));
        Assert.That(recommendation.ManualHardwareRequired, Is.True);
        Assert.That(recommendation.Flavors, Is.Empty);
        Assert.That(recommendation.Reasons.Single(), Does.Contain("llama-2-70b.Q4_K_M.gguf").And.Contain("choose hardware by hand"));
    }
}
