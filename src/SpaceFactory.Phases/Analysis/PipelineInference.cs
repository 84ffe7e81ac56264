namespace SpaceFactory.Phases.Analysis;

/// <summary>Infers a pipeline tag when the Hub gives none: from the tags, else from <c>config.architectures</c>.</summary>
internal static class PipelineInference
{
    /// <summary>Every pipeline tag the Hub uses that we recognise in a repository's tags (supported or not).</summary>
    private static readonly string[] KnownTaskTags =
    [
        "text-generation", "text2text-generation", "summarization", "translation", "text-classification",
        "token-classification", "fill-mask", "question-answering", "zero-shot-classification", "feature-extraction",
        "sentence-similarity", "text-to-image", "image-to-text", "image-classification", "object-detection",
        "automatic-speech-recognition", "text-to-speech", "audio-classification", "image-text-to-text",
        "image-segmentation", "depth-estimation", "text-to-video", "any-to-any",
    ];

    public static string? FromTags(IReadOnlyList<string> tags) =>
        KnownTaskTags.FirstOrDefault(task => tags.Contains(task, StringComparer.OrdinalIgnoreCase));

    public static string? FromArchitectures(IReadOnlyList<string> architectures, string? modelType)
    {
        foreach (var architecture in architectures)
        {
            var tag = FromArchitecture(architecture, modelType);
            if (tag is not null)
            {
                return tag;
            }
        }

        return null;
    }

    private static string? FromArchitecture(string architecture, string? modelType)
    {
        if (EndsWith(architecture, "ForCausalLM") || EndsWith(architecture, "LMHeadModel"))
        {
            return "text-generation";
        }

        if (EndsWith(architecture, "ForSequenceClassification"))
        {
            return "text-classification";
        }

        if (EndsWith(architecture, "ForTokenClassification"))
        {
            return "token-classification";
        }

        if (EndsWith(architecture, "ForQuestionAnswering"))
        {
            return "question-answering";
        }

        if (EndsWith(architecture, "ForMaskedLM"))
        {
            return "fill-mask";
        }

        if (EndsWith(architecture, "MTModel") || string.Equals(modelType, "marian", StringComparison.OrdinalIgnoreCase))
        {
            return "translation";
        }

        if (EndsWith(architecture, "ForConditionalGeneration") || EndsWith(architecture, "ForSeq2SeqLM"))
        {
            return "text2text-generation";
        }

        return EndsWith(architecture, "Model") ? "feature-extraction" : null;
    }

    private static bool EndsWith(string value, string suffix) => value.EndsWith(suffix, StringComparison.Ordinal);
}
