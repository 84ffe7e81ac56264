using SpaceFactory.Hf;

namespace SpaceFactory.Phases.Analysis;

/// <summary>
/// The facts about a model repository the analysis decides on: what the Hub's model info and the model card say.
/// Built from <c>HubClient</c> answers by the AnalyzeModelCard step; tests build it directly.
/// </summary>
public sealed record ModelFacts
{
    /// <summary>The model.</summary>
    public required RepoId Id { get; init; }

    /// <summary>The Hub's <c>pipeline_tag</c>.</summary>
    public string? PipelineTag { get; init; }

    /// <summary>The Hub's <c>library_name</c>.</summary>
    public string? LibraryName { get; init; }

    /// <summary>The repository's tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary><c>config.architectures</c>, e.g. <c>GPT2LMHeadModel</c>.</summary>
    public IReadOnlyList<string> Architectures { get; init; } = [];

    /// <summary><c>config.model_type</c>, e.g. <c>gpt2</c>.</summary>
    public string? ModelType { get; init; }

    /// <summary>The repository's files with sizes.</summary>
    public IReadOnlyList<ModelFileFacts> Files { get; init; } = [];

    /// <summary><c>safetensors.total</c>: the exact parameter count, when the Hub computed it.</summary>
    public long? SafetensorsParameters { get; init; }

    /// <summary>Bytes per parameter of the safetensors weights (2 for F16/BF16, 4 for F32), when known.</summary>
    public int? BytesPerParameter { get; init; }

    /// <summary>The dominant dtype of the safetensors weights as a torch name (<c>float32</c>, <c>float16</c>, <c>bfloat16</c>), when known.</summary>
    public string? WeightDtype { get; init; }

    /// <summary><c>config.json</c>'s <c>torch_dtype</c> (or <c>dtype</c>) as a torch name, e.g. <c>float16</c>, when it says.</summary>
    public string? ConfigDtype { get; init; }

    /// <summary><c>config.json</c>'s hidden size (<c>hidden_size</c>, <c>d_model</c> or <c>dim</c>): the length of the model's feature vectors.</summary>
    public int? HiddenSize { get; init; }

    /// <summary><c>config.json</c>'s <c>quantization_config</c> (bitsandbytes, GPTQ, AWQ, …), when present.</summary>
    public ModelQuantization? Quantization { get; init; }

    /// <summary>Whether the tokenizer has a chat template (<c>tokenizer_config.json</c>'s <c>chat_template</c>): an instruction-tuned model.</summary>
    public bool HasChatTemplate { get; init; }

    /// <summary>The gating mode (<c>auto</c> or <c>manual</c>), or <see langword="null"/> when not gated.</summary>
    public string? Gated { get; init; }

    /// <summary>Whether the repository is private.</summary>
    public bool Private { get; init; }

    /// <summary>
    /// Whether the user can read the repository's files (false when the Hub answered GatedRepo or hid the repo).
    /// </summary>
    public bool CanReadFiles { get; init; } = true;

    /// <summary>The tokenizer's mask token (fill-mask), e.g. <c>[MASK]</c>.</summary>
    public string? MaskToken { get; init; }

    /// <summary>The model's labels (<c>config.id2label</c> values), when known.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>The model card.</summary>
    public ModelCardFacts Card { get; init; } = ModelCardFacts.Empty;
}
