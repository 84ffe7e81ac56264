using System.Text;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Analysis;

/// <summary>
/// Decides whether the factory can build a demo of a model, and with which pipeline, example and requirements.
/// The card is data: whatever it says (including instructions) only ever changes the analysis result.
/// </summary>
public sealed class ModelCardAnalyzer
{
    /// <summary>Longest example text taken from a card; longer widget text is cut.</summary>
    public const int MaxExampleLength = 1000;

    /// <summary>Most examples a generated app shows in <c>gr.Examples</c>.</summary>
    public const int MaxExamples = 5;

    private static readonly string[] SentencePieceModelTypes =
        ["t5", "mt5", "marian", "xlm-roberta", "albert", "camembert", "pegasus", "mbart", "m2m_100", "nllb", "xlnet", "bigbird_pegasus", "reformer", "deberta-v2", "longt5", "umt5"];

    private static readonly string[] SentencePieceFiles = ["spiece.model", "sentencepiece.bpe.model", "source.spm", "tokenizer.model"];

    /// <summary>Analyses the facts of one model.</summary>
    /// <param name="facts">What the Hub and the card say.</param>
    /// <returns>The analysis; never throws for odd or hostile card content.</returns>
    public ModelAnalysis Analyze(ModelFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var warnings = new List<string>();
        if (facts.Card.MetadataError is { } metadataError)
        {
            warnings.Add($"the model card's metadata could not be read ({metadataError}); the Hub's own fields were used");
        }

        if (facts.Card.Truncated)
        {
            warnings.Add("the model card was larger than the limit and was cut before analysis");
        }

        var license = facts.Card.License ?? facts.Tags.FirstOrDefault(t => t.StartsWith("license:", StringComparison.Ordinal))?["license:".Length..];
        var library = facts.LibraryName ?? facts.Card.LibraryName ?? InferLibrary(facts);
        var (tag, source) = DecidePipelineTag(facts);
        var size = ModelSize.Measure(facts);

        var analysis = new ModelAnalysis
        {
            Model = facts.Id,
            Supported = false,
            Reason = string.Empty,
            PipelineTag = tag,
            PipelineSource = source,
            Library = library,
            License = license,
            Gated = facts.Gated,
            Private = facts.Private,
            Parameters = size.Parameters,
            ParametersSource = size.ParametersSource,
            WeightBytes = size.WeightBytes,
            TorchDtype = size.Dtype,
            Quantization = size.Quantization,
            EmbeddingDimensions = EmbeddingDimensions(facts, library),
            Languages = facts.Card.Languages,
            Labels = facts.Labels,
            MaskToken = facts.MaskToken,
            NeedsSentencePiece = NeedsSentencePiece(facts),
            Warnings = warnings,
        };

        if (!facts.CanReadFiles)
        {
            var blocker = facts.Gated is not null
                ? $"{facts.Id} is gated ({facts.Gated}): request access on the model page, then run again"
                : $"{facts.Id} cannot be read with this token (private, or it does not exist)";
            return analysis with { Reason = blocker, Blocker = blocker };
        }

        if (GgufFiles.IsGgufRepository(facts.Files, library))
        {
            return AnalyzeGguf(facts, analysis, tag, warnings);
        }

        if (library is not null && !TaskSupport.AllLibraries.Contains(library, StringComparer.OrdinalIgnoreCase))
        {
            return analysis with { Reason = $"library '{library}' is not supported; SpaceFactory builds demos with {string.Join(", ", TaskSupport.AllLibraries)}" };
        }

        if (tag is null)
        {
            return analysis with { Reason = "no pipeline tag on the Hub, in the card, in the tags or from the architecture; the task is unknown" };
        }

        var effectiveLibrary = library ?? TaskSupport.Transformers;
        if (!TaskSupport.TryResolve(tag, effectiveLibrary, facts.HasChatTemplate, out var pipeline))
        {
            return analysis with { Reason = $"pipeline '{tag}' is not supported; supported: {string.Join(", ", SupportedPipelines.AllTags.Where(t => t is not ("chat" or "gguf-chat")))}" };
        }

        var libraries = TaskSupport.LibrariesFor(pipeline);
        var servingLibrary = libraries.FirstOrDefault(l => string.Equals(l, effectiveLibrary, StringComparison.OrdinalIgnoreCase));
        if (servingLibrary is null)
        {
            return analysis with { Reason = $"library '{effectiveLibrary}' is not supported for {tag}; SpaceFactory serves {tag} with {string.Join(" or ", libraries)}" };
        }

        var requiredFile = TaskSupport.RequiredFile(servingLibrary);
        if (!WeightFiles.HasFile(facts.Files, requiredFile) && facts.Files.Count > 0)
        {
            return analysis with { Reason = $"the repository has no {requiredFile}, so {servingLibrary} cannot load it" };
        }

        var (example, exampleSource) = ChooseExample(pipeline, facts, warnings);
        return analysis with
        {
            Supported = true,
            Pipeline = pipeline,
            Library = servingLibrary,
            Example = example,
            ExampleSource = exampleSource,
            Examples = MoreExamples(pipeline, facts),
            MaskToken = pipeline == SupportedPipeline.FillMask ? facts.MaskToken ?? "[MASK]" : facts.MaskToken,
            Reason = pipeline == SupportedPipeline.Chat
                ? $"{servingLibrary} chat: a {tag} model with a chat template (from {source})"
                : $"{servingLibrary} {tag} (from {source})",
            Warnings = warnings,
        };
    }

    /// <summary>A GGUF repository: a llama.cpp chat of a text-generation model, from the quantisation that fits CPU basic.</summary>
    private static ModelAnalysis AnalyzeGguf(ModelFacts facts, ModelAnalysis analysis, string? tag, List<string> warnings)
    {
        if (tag is not null && !string.Equals(tag, "text-generation", StringComparison.OrdinalIgnoreCase))
        {
            return analysis with { Reason = $"a GGUF repository for '{tag}': SpaceFactory serves GGUF models only as a llama.cpp chat of a text-generation model" };
        }

        var cpuMemory = RuntimeRecommender.CpuBasicMemory(new RuntimeOptions());
        var file = GgufQuantization.Choose(GgufFiles.Loadable(facts.Files), cpuMemory);
        if (file is null)
        {
            return analysis with { Reason = "the repository's GGUF files are split in parts or multimodal projectors only; llama.cpp chat needs one complete .gguf file" };
        }

        var (example, exampleSource) = ChooseExample(SupportedPipeline.GgufChat, facts, warnings);
        var parameters = GgufQuantization.EstimateParameters(file);
        return analysis with
        {
            Supported = true,
            Pipeline = SupportedPipeline.GgufChat,
            PipelineTag = tag ?? "text-generation",
            PipelineSource = analysis.PipelineSource ?? "gguf",
            Library = GgufFiles.Library,
            GgufFile = file.Path,
            WeightBytes = file.Size,
            Parameters = parameters,
            ParametersSource = parameters is null ? null : "gguf-file",
            Example = example,
            ExampleSource = exampleSource,
            Examples = MoreExamples(SupportedPipeline.GgufChat, facts),
            Reason = file.Size is { } size && GgufQuantization.EstimateMemory(size) > cpuMemory
                ? $"llama.cpp chat of {file.Path} ({file.Quantization}, the smallest file; none fits CPU basic) from a GGUF repository"
                : $"llama.cpp chat of {file.Path} ({file.Quantization}, the quantisation chosen for CPU basic) from a GGUF repository",
            Warnings = warnings,
        };
    }

    private static (string? Tag, string? Source) DecidePipelineTag(ModelFacts facts)
    {
        if (!string.IsNullOrWhiteSpace(facts.PipelineTag))
        {
            return (facts.PipelineTag.Trim(), "hub");
        }

        if (!string.IsNullOrWhiteSpace(facts.Card.PipelineTag))
        {
            return (facts.Card.PipelineTag.Trim(), "card");
        }

        var fromTags = PipelineInference.FromTags(facts.Tags);
        if (fromTags is not null)
        {
            return (fromTags, "tags");
        }

        var fromArchitecture = PipelineInference.FromArchitectures(facts.Architectures, facts.ModelType);
        return fromArchitecture is null ? (null, null) : (fromArchitecture, "architecture");
    }

    private static string? InferLibrary(ModelFacts facts)
    {
        if (facts.Tags.Contains("transformers", StringComparer.OrdinalIgnoreCase) ||
            (WeightFiles.HasFile(facts.Files, "config.json") && WeightFiles.HasTransformersWeights(facts.Files)))
        {
            return "transformers";
        }

        foreach (var library in (string[])["diffusers", "sentence-transformers", "gguf", "timm", "peft", "adapter-transformers"])
        {
            if (facts.Tags.Contains(library, StringComparer.OrdinalIgnoreCase))
            {
                return library;
            }
        }

        return null;
    }

    private static bool NeedsSentencePiece(ModelFacts facts) =>
        (facts.ModelType is not null && SentencePieceModelTypes.Contains(facts.ModelType, StringComparer.OrdinalIgnoreCase)) ||
        SentencePieceFiles.Any(name => WeightFiles.HasFile(facts.Files, name));

    private static (ProbeExample Example, string Source) ChooseExample(SupportedPipeline pipeline, ModelFacts facts, List<string> warnings)
    {
        var mask = facts.MaskToken ?? "[MASK]";
        if (IsMediaInput(pipeline))
        {
            return VisionExamples.FromCard(pipeline, facts.Card.Widget, Clean) is { } fromCard ? (fromCard, "widget") : (DefaultExample(pipeline, mask), "default");
        }

        foreach (var entry in facts.Card.Widget)
        {
            var text = Clean(entry.Text ?? entry.SourceSentence ?? entry.UserMessage);
            if (text is null)
            {
                continue;
            }

            if (pipeline == SupportedPipeline.FillMask && !text.Contains(mask, StringComparison.Ordinal))
            {
                warnings.Add($"a widget example lacks the mask token {mask} and was not used");
                continue;
            }

            if (pipeline == SupportedPipeline.QuestionAnswering && Clean(entry.Context) is null)
            {
                continue;
            }

            var labels = entry.CandidateLabels?.Select(Clean).OfType<string>().Take(10).ToList();
            var sentences = entry.Sentences?.Select(Clean).OfType<string>().Take(10).ToList();
            return (new ProbeExample(text, Clean(entry.Context), labels is { Count: > 0 } ? labels : null) { Sentences = sentences is { Count: > 0 } ? sentences : null }, "widget");
        }

        return (DefaultExample(pipeline, mask), "default");
    }

    private static ProbeExample DefaultExample(SupportedPipeline pipeline, string mask) => pipeline switch
    {
        SupportedPipeline.TextGeneration => new("Hello, my name is"),
        SupportedPipeline.Text2TextGeneration => new("Translate English to German: The house is wonderful."),
        SupportedPipeline.Summarization => new("SpaceFactory turns a model on the Hugging Face Hub into a private Gradio Space. It analyses the model card, generates the app, uploads it, waits for the Space to run and validates its live API before it reports success."),
        SupportedPipeline.Translation => new("Hello, how are you today?"),
        SupportedPipeline.TextClassification => new("I love this! It works great."),
        SupportedPipeline.TokenClassification => new("My name is Sarah and I live in London."),
        SupportedPipeline.FillMask => new($"Paris is the {mask} of France."),
        SupportedPipeline.QuestionAnswering => new("Where do I live?", "My name is Wolfgang and I live in Berlin."),
        SupportedPipeline.ZeroShotClassification => new("I have a problem with my phone that needs to be resolved asap!", null, ["urgent", "not urgent", "phone", "tablet"]),
        SupportedPipeline.FeatureExtraction => new("SpaceFactory builds validated demos."),
        SupportedPipeline.ImageClassification => new("(a 64x64 PNG drawn by SpaceFactory)"),
        SupportedPipeline.AutomaticSpeechRecognition => new("(a one-second 440 Hz tone made by SpaceFactory)"),
        SupportedPipeline.TextToImage => new("An astronaut riding a horse on the moon, watercolor"),
        SupportedPipeline.SentenceSimilarity => new("That is a happy person") { Sentences = ["That is a happy dog", "That is a very happy person", "Today is a sunny day"] },
        SupportedPipeline.Chat or SupportedPipeline.GgufChat => new("What is the capital of France? Answer in one sentence."),
        SupportedPipeline.AudioClassification => new("(a one-second 440 Hz tone made by SpaceFactory)"),
        SupportedPipeline.TextToSpeech => new("Hello! This voice was generated by a text-to-speech model."),
        SupportedPipeline.TextToAudio => new("A calm piano melody with soft rain in the background"),
        SupportedPipeline.ImageToImage => new("Turn it into a watercolor painting"),
        _ when VisionExamples.Default(pipeline) is { } vision => vision,
        _ => new("Hello"),
    };

    private static bool IsMediaInput(SupportedPipeline pipeline) =>
        pipeline is SupportedPipeline.ImageClassification or SupportedPipeline.AutomaticSpeechRecognition or SupportedPipeline.AudioClassification
        || VisionExamples.TakesImage(pipeline);

    /// <summary>
    /// The card's widget entries as <c>gr.Examples</c>: texts for text tasks; for media tasks only <c>src</c> URLs on the
    /// Hub's own hosts over https (an app must not fetch from anywhere else).
    /// </summary>
    private static IReadOnlyList<string> MoreExamples(SupportedPipeline pipeline, ModelFacts facts)
    {
        var values = IsMediaInput(pipeline)
            ? facts.Card.Widget.Select(w => w.Source).Where(IsHubUrl)
            : facts.Card.Widget.Select(w => Clean(w.Text ?? w.UserMessage));
        return [.. values.OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxExamples)];
    }

    private static bool IsHubUrl(string? url) =>
        url is { Length: <= 2048 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal) && uri.IsDefaultPort &&
        (string.Equals(uri.Host, "huggingface.co", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".huggingface.co", StringComparison.OrdinalIgnoreCase) ||
         string.Equals(uri.Host, "hf.co", StringComparison.OrdinalIgnoreCase));

    /// <summary>Card text as an example: control characters removed, whitespace-only rejected, length capped.</summary>
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxExampleLength));
        foreach (var c in text)
        {
            if (builder.Length >= MaxExampleLength)
            {
                break;
            }

            if (!char.IsControl(c) || c is '\n' or '\t')
            {
                builder.Append(c);
            }
        }

        var clean = builder.ToString().Trim();
        return clean.Length == 0 ? null : clean;
    }

    /// <summary>The hidden size, unless a sentence-transformers <c>Dense</c> module (<c>2_Dense/</c>, …) changes the length.</summary>
    private static int? EmbeddingDimensions(ModelFacts facts, string? library) =>
        string.Equals(library, "sentence-transformers", StringComparison.Ordinal) &&
        facts.Files.Any(f => f.Path.Split('/')[0] is var folder && folder.EndsWith("_Dense", StringComparison.Ordinal))
            ? null
            : facts.HiddenSize;
}
