namespace SpaceFactory.Phases.Generation;

/// <summary>
/// The pinned versions a generated Space is built with. Gradio comes from the README's <c>sdk_version</c>;
/// the rest go into <c>requirements.txt</c>.
/// </summary>
/// <remarks>
/// Gradio defaults to 6.25.0, the version whose wire protocol the SDK's fixtures recorded. Transformers stays on the
/// 4.x line, whose pipeline tasks (including <c>summarization</c>, <c>translation</c> and
/// <c>text2text-generation</c>) our templates use.
/// </remarks>
public sealed record GradioAppVersions
{
    /// <summary>The default pins.</summary>
    public static GradioAppVersions Default { get; } = new();

    /// <summary>Gradio version written as the README's <c>sdk_version</c>.</summary>
    public string Gradio { get; init; } = "6.25.0";

    /// <summary>Pinned <c>transformers</c> version.</summary>
    public string Transformers { get; init; } = "4.57.1";

    /// <summary>Pinned <c>torch</c> version (CPU wheels are enough for the supported pipelines).</summary>
    public string Torch { get; init; } = "2.8.0";

    /// <summary>Pinned <c>sentencepiece</c> version, added for tokenizers that need it (T5, Marian, XLM-R...).</summary>
    public string SentencePiece { get; init; } = "0.2.0";

    /// <summary>Pinned <c>sacremoses</c> version, added for Marian translation models.</summary>
    public string SacreMoses { get; init; } = "0.1.1";

    /// <summary>Pinned <c>torchaudio</c> version (the speech pipeline resamples with it); matches <see cref="Torch"/>.</summary>
    public string TorchAudio { get; init; } = "2.8.0";

    /// <summary>Pinned <c>torchvision</c> version (timm needs it); matches <see cref="Torch"/>.</summary>
    public string TorchVision { get; init; } = "0.23.0";

    /// <summary>Pinned <c>timm</c> version, for timm image classifiers.</summary>
    public string Timm { get; init; } = "1.0.19";

    /// <summary>Pinned <c>diffusers</c> version, for text-to-image pipelines.</summary>
    public string Diffusers { get; init; } = "0.35.1";

    /// <summary>Pinned <c>accelerate</c> version (diffusers and large Transformers models load through it).</summary>
    public string Accelerate { get; init; } = "1.10.1";

    /// <summary>Pinned <c>sentence-transformers</c> version, for sentence-similarity models.</summary>
    public string SentenceTransformers { get; init; } = "5.1.1";

    /// <summary>
    /// Pinned <c>llama-cpp-python</c> version, for GGUF chats (llama.cpp on the CPU). The package index carries its
    /// source, which the Space compiles on its first build; the generated requirements name no other index.
    /// </summary>
    public string LlamaCppPython { get; init; } = "0.3.16";
}
