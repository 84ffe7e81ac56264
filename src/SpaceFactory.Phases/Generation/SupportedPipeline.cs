namespace SpaceFactory.Phases.Generation;

/// <summary>The Transformers text pipelines the app generator has a template for.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SupportedPipelineJsonConverter))]
public enum SupportedPipeline
{
    /// <summary><c>text-generation</c>: continue a prompt.</summary>
    TextGeneration,

    /// <summary><c>text2text-generation</c>: text in, generated text out (T5-style).</summary>
    Text2TextGeneration,

    /// <summary><c>summarization</c>: a summary of the input.</summary>
    Summarization,

    /// <summary><c>translation</c>: the input in another language.</summary>
    Translation,

    /// <summary><c>text-classification</c>: labels with scores (sentiment and the like).</summary>
    TextClassification,

    /// <summary><c>token-classification</c>: entities found in the input (NER).</summary>
    TokenClassification,

    /// <summary><c>fill-mask</c>: candidates for the masked token.</summary>
    FillMask,

    /// <summary><c>question-answering</c>: an answer span from a context.</summary>
    QuestionAnswering,

    /// <summary><c>zero-shot-classification</c>: scores for labels chosen at call time.</summary>
    ZeroShotClassification,

    /// <summary><c>feature-extraction</c>: an embedding vector.</summary>
    FeatureExtraction,
}
