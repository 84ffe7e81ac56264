using SpaceFactory.Hf;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Analysis;

/// <summary>The typed result of analysing a model: whether the factory can build a demo of it, and with what.</summary>
public sealed record ModelAnalysis
{
    /// <summary>The model.</summary>
    public required RepoId Model { get; init; }

    /// <summary>Whether a template can serve the model.</summary>
    public required bool Supported { get; init; }

    /// <summary>Why it is (or is not) supported, in words a person can act on.</summary>
    public required string Reason { get; init; }

    /// <summary>
    /// A blocker the user must resolve before anything can be tried (gated without access, private and hidden), or
    /// <see langword="null"/>. A blocked model is also unsupported.
    /// </summary>
    public string? Blocker { get; init; }

    /// <summary>The pipeline the app will run, when supported.</summary>
    public SupportedPipeline? Pipeline { get; init; }

    /// <summary>The pipeline tag decided on (supported or not), e.g. <c>text-to-image</c>.</summary>
    public string? PipelineTag { get; init; }

    /// <summary>Where the pipeline tag came from: <c>hub</c>, <c>card</c>, <c>tags</c> or <c>architecture</c>.</summary>
    public string? PipelineSource { get; init; }

    /// <summary>The library, e.g. <c>transformers</c> (from the Hub, the card, or inferred from the files).</summary>
    public string? Library { get; init; }

    /// <summary>The licence id from the card or tags.</summary>
    public string? License { get; init; }

    /// <summary>The gating mode, if gated.</summary>
    public string? Gated { get; init; }

    /// <summary>Whether the model repository is private.</summary>
    public bool Private { get; init; }

    /// <summary>The parameter count: exact from safetensors metadata, else estimated from the weight files.</summary>
    public long? Parameters { get; init; }

    /// <summary>Whether <see cref="Parameters"/> is exact (<c>safetensors</c>) or estimated (<c>weight-files</c>).</summary>
    public string? ParametersSource { get; init; }

    /// <summary>Total size of the weight files in bytes (one format counted).</summary>
    public long? WeightBytes { get; init; }

    /// <summary>The quantisation of the weights (from <c>quantization_config</c>, or the chosen GGUF file), when quantised.</summary>
    public ModelQuantization? Quantization { get; init; }

    /// <summary>Languages from the card.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>The example input for the app and the probe.</summary>
    public ProbeExample? Example { get; init; }

    /// <summary>Further examples for the app's <c>gr.Examples</c>: widget texts, or image and audio URLs on the Hub.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>The dtype the weights were saved in (a torch name: safetensors metadata, else <c>config.json</c>), so the app loads them unchanged.</summary>
    public string? TorchDtype { get; init; }

    /// <summary>Where the example came from: <c>widget</c> (the card) or <c>default</c>.</summary>
    public string? ExampleSource { get; init; }

    /// <summary>
    /// The length of the model's embeddings when the factory knows it: <c>config.json</c>'s hidden size, except for a
    /// sentence-transformers model with a <c>Dense</c> module (which projects to another length).
    /// </summary>
    public int? EmbeddingDimensions { get; init; }

    /// <summary>The model's labels, when known (classification).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The mask token (fill-mask).</summary>
    public string? MaskToken { get; init; }

    /// <summary>Whether the tokenizer needs <c>sentencepiece</c>.</summary>
    public bool NeedsSentencePiece { get; init; }

    /// <summary>
    /// The quantised <c>.gguf</c> file a GGUF chat serves (its path in the repository), chosen for CPU basic's memory
    /// (<c>GgufQuantization</c>); <see langword="null"/> for other pipelines.
    /// </summary>
    public string? GgufFile { get; init; }

    /// <summary>Things worth knowing that did not block the analysis (a malformed card, a truncated card, an unusable widget).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
