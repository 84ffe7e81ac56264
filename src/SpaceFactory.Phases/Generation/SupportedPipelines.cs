using System.Diagnostics.CodeAnalysis;

namespace SpaceFactory.Phases.Generation;

/// <summary>Maps between <see cref="SupportedPipeline"/> and the Hub's <c>pipeline_tag</c> values.</summary>
internal static class SupportedPipelines
{
    private static readonly (SupportedPipeline Pipeline, string Tag)[] Tags =
    [
        (SupportedPipeline.TextGeneration, "text-generation"),
        (SupportedPipeline.Text2TextGeneration, "text2text-generation"),
        (SupportedPipeline.Summarization, "summarization"),
        (SupportedPipeline.Translation, "translation"),
        (SupportedPipeline.TextClassification, "text-classification"),
        (SupportedPipeline.TokenClassification, "token-classification"),
        (SupportedPipeline.FillMask, "fill-mask"),
        (SupportedPipeline.QuestionAnswering, "question-answering"),
        (SupportedPipeline.ZeroShotClassification, "zero-shot-classification"),
        (SupportedPipeline.FeatureExtraction, "feature-extraction"),
        (SupportedPipeline.ImageClassification, "image-classification"),
        (SupportedPipeline.AutomaticSpeechRecognition, "automatic-speech-recognition"),
        (SupportedPipeline.TextToImage, "text-to-image"),
        (SupportedPipeline.SentenceSimilarity, "sentence-similarity"),
        (SupportedPipeline.Chat, "chat"),
        (SupportedPipeline.ImageToText, "image-to-text"),
        (SupportedPipeline.ObjectDetection, "object-detection"),
        (SupportedPipeline.ZeroShotImageClassification, "zero-shot-image-classification"),
        (SupportedPipeline.DepthEstimation, "depth-estimation"),
        (SupportedPipeline.ImageSegmentation, "image-segmentation"),
        (SupportedPipeline.ImageTextToText, "image-text-to-text"),
        (SupportedPipeline.AudioClassification, "audio-classification"),
        (SupportedPipeline.TextToSpeech, "text-to-speech"),
        (SupportedPipeline.TextToAudio, "text-to-audio"),
        (SupportedPipeline.ImageToImage, "image-to-image"),
        (SupportedPipeline.GgufChat, "gguf-chat"),
    ];

    /// <summary>Every supported pipeline tag, in a stable order.</summary>
    public static IReadOnlyList<string> AllTags { get; } = [.. Tags.Select(t => t.Tag)];

    /// <summary>The Hub's <c>pipeline_tag</c> for <paramref name="pipeline"/>.</summary>
    /// <param name="pipeline">A supported pipeline.</param>
    /// <returns>The tag, e.g. <c>text-generation</c>.</returns>
    public static string ToTag(this SupportedPipeline pipeline)
    {
        foreach (var (known, tag) in Tags)
        {
            if (known == pipeline)
            {
                return tag;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(pipeline), pipeline, "Unknown pipeline.");
    }

    /// <summary>Finds the supported pipeline for a Hub <c>pipeline_tag</c> (also <c>translation_xx_to_yy</c> and <c>sentiment-analysis</c>).</summary>
    /// <param name="tag">The tag; case-insensitive.</param>
    /// <param name="pipeline">The pipeline when supported.</param>
    /// <returns><see langword="true"/> when a template exists for the tag.</returns>
    public static bool TryFromTag([NotNullWhen(true)] string? tag, out SupportedPipeline pipeline)
    {
        pipeline = default;
        if (string.IsNullOrWhiteSpace(tag))
        {
            return false;
        }

        var normalized = tag.Trim().ToLowerInvariant();
        if (normalized.StartsWith("translation_", StringComparison.Ordinal))
        {
            normalized = "translation";
        }
        else if (normalized is "sentiment-analysis")
        {
            normalized = "text-classification";
        }
        else if (normalized is "ner")
        {
            normalized = "token-classification";
        }

        foreach (var (known, knownTag) in Tags)
        {
            if (string.Equals(knownTag, normalized, StringComparison.Ordinal))
            {
                pipeline = known;
                return true;
            }
        }

        return false;
    }
}
