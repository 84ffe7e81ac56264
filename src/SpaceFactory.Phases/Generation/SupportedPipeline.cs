namespace SpaceFactory.Phases.Generation;

/// <summary>The tasks the app generator has a template for (docs/templates.md lists them with library, hardware and check).</summary>
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

    /// <summary><c>image-classification</c>: labels with scores for an image (Transformers or timm).</summary>
    ImageClassification,

    /// <summary><c>automatic-speech-recognition</c>: the transcript of a recording.</summary>
    AutomaticSpeechRecognition,

    /// <summary><c>text-to-image</c>: an image drawn from a prompt (diffusers).</summary>
    TextToImage,

    /// <summary><c>sentence-similarity</c>: sentence embeddings and similarity scores (sentence-transformers).</summary>
    SentenceSimilarity,

    /// <summary>
    /// <c>chat</c>: a text-generation model whose tokenizer has a chat template, served as a streaming chat over
    /// messages (the Hub tags such models <c>text-generation</c>).
    /// </summary>
    Chat,

    /// <summary><c>image-to-text</c>: a caption of an image.</summary>
    ImageToText,

    /// <summary><c>object-detection</c>: labelled boxes on an image (an annotated image and the boxes as JSON).</summary>
    ObjectDetection,

    /// <summary><c>zero-shot-image-classification</c>: scores of an image for labels chosen at call time (CLIP-style).</summary>
    ZeroShotImageClassification,

    /// <summary><c>depth-estimation</c>: a depth map of an image.</summary>
    DepthEstimation,

    /// <summary><c>image-segmentation</c>: labelled masks of an image's segments.</summary>
    ImageSegmentation,

    /// <summary><c>image-text-to-text</c>: a vision-language chat about an image, streamed.</summary>
    ImageTextToText,
    /// <summary><c>audio-classification</c>: labels with scores for a recording.</summary>
    AudioClassification,

    /// <summary><c>text-to-speech</c>: speech synthesised from text, returned as a WAV file.</summary>
    TextToSpeech,

    /// <summary><c>text-to-audio</c>: audio (music, sound) generated from a prompt, returned as a WAV file.</summary>
    TextToAudio,

    /// <summary><c>image-to-image</c>: an image edited or restyled by a prompt (diffusers).</summary>
    ImageToImage,

    /// <summary>
    /// <c>gguf-chat</c>: a GGUF-only text-generation repository served by llama.cpp (<c>llama-cpp-python</c>) as a
    /// streaming chat over messages, from one quantised file chosen to fit the hardware.
    /// </summary>
    GgufChat,
}
