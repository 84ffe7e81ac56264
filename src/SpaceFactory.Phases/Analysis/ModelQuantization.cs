using System.Globalization;

namespace SpaceFactory.Phases.Analysis;

/// <summary>
/// How a model's weights are quantised: from <c>config.json</c>'s <c>quantization_config</c> (bitsandbytes, GPTQ,
/// AWQ, …) or from a GGUF file's quantisation name (<c>Q4_K_M</c>, <c>Q8_0</c>, …).
/// </summary>
public sealed record ModelQuantization
{
    /// <summary>GGUF, the llama.cpp format: runs on CPU.</summary>
    public const string Gguf = "gguf";

    /// <summary>The method as the model says it, lower case, e.g. <c>bitsandbytes</c>, <c>gptq</c>, <c>awq</c>, <c>gguf</c>.</summary>
    public required string Method { get; init; }

    /// <summary>Bits per weight on average (4 for a 4-bit GPTQ model, about 4.85 for GGUF <c>Q4_K_M</c>), when known.</summary>
    public double? BitsPerWeight { get; init; }

    /// <summary>The GGUF quantisation name (<c>Q4_K_M</c>) or <see langword="null"/>.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Whether the weights need a CUDA GPU to run: true for every Transformers quantisation (bitsandbytes, GPTQ, AWQ,
    /// FP8, …), false for GGUF, which llama.cpp runs on CPU.
    /// </summary>
    public bool RequiresGpu => !string.Equals(Method, Gguf, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() =>
        Method + (Name is not null ? " " + Name : string.Empty) +
        (BitsPerWeight is { } bits ? " (" + bits.ToString("0.##", CultureInfo.InvariantCulture) + " bits per weight)" : string.Empty);
}
