using System.Globalization;
using System.Text;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Analysis;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Tests.Analysis;

/// <summary>
/// The per-task table of docs/hardware.md, from the real analyser and hardware chooser: for every task and library a
/// template serves, the flavors chosen for a tiny model (openai-community/gpt2's figures) and a 7B-class model
/// (mistralai/Mistral-7B-v0.1's), with the default options and with fixed GPUs allowed; the GGUF chat with
/// TinyLlama-1.1B-Chat and Mistral-7B-Instruct GGUF files. The docs must hold exactly this table.
/// </summary>
[TestFixture]
public class TaskHardwareTableTests
{
    private static readonly ModelCardAnalyzer Analyzer = new();
    private static readonly RuntimeRecommender Recommender = new();
    private static readonly RuntimeOptions Fixed = new() { AllowFixedGpu = true };

    /// <summary>Every task route a template serves, with its library, in the order of docs/templates.md.</summary>
    private static readonly (string Task, string Library, SupportedPipeline Pipeline)[] Routes =
    [
        ("text-generation", "transformers", SupportedPipeline.TextGeneration),
        ("chat (text-generation with a chat template)", "transformers", SupportedPipeline.Chat),
        ("text2text-generation", "transformers", SupportedPipeline.Text2TextGeneration),
        ("summarization", "transformers", SupportedPipeline.Summarization),
        ("translation", "transformers", SupportedPipeline.Translation),
        ("text-classification", "transformers", SupportedPipeline.TextClassification),
        ("token-classification", "transformers", SupportedPipeline.TokenClassification),
        ("fill-mask", "transformers", SupportedPipeline.FillMask),
        ("question-answering", "transformers", SupportedPipeline.QuestionAnswering),
        ("zero-shot-classification", "transformers", SupportedPipeline.ZeroShotClassification),
        ("feature-extraction", "transformers", SupportedPipeline.FeatureExtraction),
        ("sentence-similarity", "sentence-transformers", SupportedPipeline.SentenceSimilarity),
        ("image-classification", "transformers", SupportedPipeline.ImageClassification),
        ("image-classification", "timm", SupportedPipeline.ImageClassification),
        ("zero-shot-image-classification", "transformers", SupportedPipeline.ZeroShotImageClassification),
        ("object-detection", "transformers", SupportedPipeline.ObjectDetection),
        ("image-segmentation", "transformers", SupportedPipeline.ImageSegmentation),
        ("image-to-text", "transformers", SupportedPipeline.ImageToText),
        ("depth-estimation", "transformers", SupportedPipeline.DepthEstimation),
        ("image-text-to-text", "transformers", SupportedPipeline.ImageTextToText),
        ("automatic-speech-recognition", "transformers", SupportedPipeline.AutomaticSpeechRecognition),
        ("audio-classification", "transformers", SupportedPipeline.AudioClassification),
        ("text-to-speech", "transformers", SupportedPipeline.TextToSpeech),
        ("text-to-audio", "transformers", SupportedPipeline.TextToAudio),
        ("text-to-image", "diffusers", SupportedPipeline.TextToImage),
        ("image-to-image", "diffusers", SupportedPipeline.ImageToImage),
        ("text-generation, GGUF only", "gguf (llama-cpp-python)", SupportedPipeline.GgufChat),
    ];

    /// <summary>What the chooser must give: tiny (defaults), 7B-class (defaults), 7B-class (fixed GPUs allowed).</summary>
    private static (string Tiny, string Seven, string SevenFixed) Expected(SupportedPipeline pipeline) => pipeline switch
    {
        SupportedPipeline.GgufChat => ("cpu-basic", "cpu-basic", "cpu-basic"),
        SupportedPipeline.TextToImage or SupportedPipeline.ImageToImage => ("zero-a10g, cpu-basic", "zero-a10g", "zero-a10g, l4x1, a10g-small"),
        _ => ("cpu-basic", "zero-a10g", "zero-a10g, l4x1, a10g-small"),
    };

    private static ModelFacts Facts(string id, string? library, (string Path, long Size)[] files, (string Dtype, long Count, int Bytes)? safetensors) => new()
    {
        Id = RepoId.Parse(id),
        PipelineTag = "text-generation",
        LibraryName = library,
        Files = [new ModelFileFacts("config.json", 600), .. files.Select(f => new ModelFileFacts(f.Path, f.Size))],
        SafetensorsParameters = safetensors?.Count,
        BytesPerParameter = safetensors?.Bytes,
        WeightDtype = safetensors?.Dtype,
    };

    private static ModelAnalysis Tiny(SupportedPipeline pipeline) => pipeline == SupportedPipeline.GgufChat
        ? Analyzer.Analyze(Facts("TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF", null, [("tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf", 668_788_096), ("tinyllama-1.1b-chat-v1.0.Q8_0.gguf", 1_169_807_648)], null))
        : Analyzer.Analyze(Facts("openai-community/gpt2", "transformers", [("model.safetensors", 548_105_171)], ("float32", 124_439_808, 4))) with { Pipeline = pipeline };

    private static ModelAnalysis Seven(SupportedPipeline pipeline) => pipeline == SupportedPipeline.GgufChat
        ? Analyzer.Analyze(Facts("TheBloke/Mistral-7B-Instruct-v0.2-GGUF", null, [("mistral-7b-instruct-v0.2.Q2_K.gguf", 3_083_098_560), ("mistral-7b-instruct-v0.2.Q4_K_M.gguf", 4_368_439_232), ("mistral-7b-instruct-v0.2.Q8_0.gguf", 7_695_857_600)], null))
        : Analyzer.Analyze(Facts("mistralai/Mistral-7B-v0.1", "transformers", [("model-00001-of-00002.safetensors", 9_942_981_696), ("model-00002-of-00002.safetensors", 4_540_516_344)], ("bfloat16", 7_241_732_096, 2))) with { Pipeline = pipeline };

    private static string Choose(ModelAnalysis analysis, RuntimeOptions? options = null)
    {
        var recommendation = Recommender.Recommend(analysis, options);
        return recommendation.ManualHardwareRequired ? "manual_hardware_required" : string.Join(", ", recommendation.Flavors);
    }

    private static string Gib(ModelAnalysis analysis) =>
        (Recommender.Recommend(analysis).EstimatedMemoryBytes!.Value / (1024.0 * 1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB";

    /// <summary>The table as docs/hardware.md holds it.</summary>
    internal static string Render()
    {
        var table = new StringBuilder()
            .Append("| Task | Library | Tiny model → hardware (defaults) | 7B-class → hardware (defaults) | 7B-class, `allow_fixed_gpu=true` |\n")
            .Append("|---|---|---|---|---|\n");
        foreach (var (task, library, pipeline) in Routes)
        {
            var (tiny, seven) = (Tiny(pipeline), Seven(pipeline));
            table.Append("| ").Append(task).Append(" | ").Append(library)
                .Append(" | ").Append(Choose(tiny)).Append(" (").Append(Gib(tiny)).Append(')')
                .Append(" | ").Append(Choose(seven)).Append(" (").Append(Gib(seven)).Append(')')
                .Append(" | ").Append(Choose(seven, Fixed)).Append(" |\n");
        }

        return table.ToString();
    }

    [Test]
    public void Every_route_gets_the_hardware_the_table_says()
    {
        Assert.That(Routes.Select(r => r.Pipeline).Distinct(), Is.EquivalentTo(Enum.GetValues<SupportedPipeline>()), "every template is in the table");
        Assert.That((Tiny(SupportedPipeline.GgufChat).Pipeline, Tiny(SupportedPipeline.GgufChat).GgufFile), Is.EqualTo(((SupportedPipeline?)SupportedPipeline.GgufChat, "tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf")));
        Assert.That((Seven(SupportedPipeline.GgufChat).Pipeline, Seven(SupportedPipeline.GgufChat).GgufFile), Is.EqualTo(((SupportedPipeline?)SupportedPipeline.GgufChat, "mistral-7b-instruct-v0.2.Q4_K_M.gguf")));
        foreach (var (task, library, pipeline) in Routes)
        {
            var expected = Expected(pipeline);
            Assert.That(Choose(Tiny(pipeline)), Is.EqualTo(expected.Tiny), $"{task} ({library}), tiny");
            Assert.That(Choose(Seven(pipeline)), Is.EqualTo(expected.Seven), $"{task} ({library}), 7B-class");
            Assert.That(Choose(Seven(pipeline), Fixed), Is.EqualTo(expected.SevenFixed), $"{task} ({library}), 7B-class with fixed GPUs");
        }

        TestContext.Out.WriteLine(Render());
    }

    [Test]
    public void Docs_hardware_md_holds_exactly_this_table()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SpaceFactory.sln")))
        {
            root = root.Parent;
        }

        Assert.That(root, Is.Not.Null, "the repository root (SpaceFactory.sln) is above the test binaries");
        var docs = File.ReadAllText(Path.Combine(root!.FullName, "docs", "hardware.md")).ReplaceLineEndings("\n");
        Assert.That(docs, Does.Contain(Render()), "regenerate the table in docs/hardware.md from TaskHardwareTableTests.Render()");
    }
}
