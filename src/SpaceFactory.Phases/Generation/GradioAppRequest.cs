using SpaceFactory.Hf;

namespace SpaceFactory.Phases.Generation;

/// <summary>What the generator needs to write a Space for one model.</summary>
public sealed record GradioAppRequest
{
    /// <summary>The model the app serves, e.g. <c>sshleifer/tiny-gpt2</c>.</summary>
    public required RepoId Model { get; init; }

    /// <summary>The pipeline the app runs.</summary>
    public required SupportedPipeline Pipeline { get; init; }

    /// <summary>The example input shown in the UI and sent by the validation probe.</summary>
    public required ProbeExample Example { get; init; }

    /// <summary>Space title; defaults to "<c>{model name} demo</c>".</summary>
    public string? Title { get; init; }

    /// <summary>The model's licence id (e.g. <c>apache-2.0</c>), written to the Space card when it is a valid id.</summary>
    public string? License { get; init; }

    /// <summary>The model's mask token (fill-mask), e.g. <c>[MASK]</c> or <c>&lt;mask&gt;</c>.</summary>
    public string? MaskToken { get; init; }

    /// <summary>The model's output labels (classification), used for simulated outputs.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Whether the tokenizer needs <c>sentencepiece</c> (and <c>sacremoses</c> for Marian models).</summary>
    public bool NeedsSentencePiece { get; init; }

    /// <summary>
    /// Whether the Space runs on ZeroGPU: the app then imports <c>spaces</c>, loads the model on <c>cuda</c> and
    /// decorates the endpoint with <c>@spaces.GPU</c> so that each call borrows a GPU.
    /// </summary>
    public bool UseZeroGpu { get; init; }

    /// <summary>The model's library (<c>transformers</c>, <c>timm</c>, <c>diffusers</c>...), which picks the template's loader.</summary>
    public string? Library { get; init; }

    /// <summary>
    /// The dtype the weights were saved in as a torch name (<c>float32</c>, <c>float16</c>, <c>bfloat16</c>), so the app
    /// loads them unchanged; <see langword="null"/> lets Transformers read it from config.json (<c>auto</c>).
    /// </summary>
    public string? TorchDtype { get; init; }

    /// <summary>The length of the model's embeddings, when known; the embedding probes then check it.</summary>
    public int? EmbeddingDimensions { get; init; }

    /// <summary>Further example inputs from the card's widget (texts, or image/audio URLs on the Hub) for <c>gr.Examples</c>.</summary>
    public IReadOnlyList<string>? Examples { get; init; }

    /// <summary>The quantised <c>.gguf</c> file a GGUF chat loads (its path in the repository), chosen to fit the hardware.</summary>
    public string? GgufFile { get; init; }

    /// <summary>Pinned versions; the generator's defaults when not set.</summary>
    public GradioAppVersions? Versions { get; init; }

    /// <summary>The title actually used.</summary>
    internal string EffectiveTitle => string.IsNullOrWhiteSpace(Title) ? $"{Model.Name} demo" : Title.Trim();
}
