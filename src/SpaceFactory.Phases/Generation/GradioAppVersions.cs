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
}
