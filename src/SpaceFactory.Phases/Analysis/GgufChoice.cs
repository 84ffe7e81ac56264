namespace SpaceFactory.Phases.Analysis;

/// <summary>The GGUF file(s) of one quantisation.</summary>
/// <param name="Paths">The file, or the parts of a split file, in order.</param>
/// <param name="Quantization">The quantisation.</param>
/// <param name="Bytes">Their total size, when every size is known.</param>
internal sealed record GgufChoice(IReadOnlyList<string> Paths, ModelQuantization Quantization, long? Bytes);
