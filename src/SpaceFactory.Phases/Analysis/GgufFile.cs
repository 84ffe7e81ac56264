namespace SpaceFactory.Phases.Analysis;

/// <summary>A single-file GGUF model of a repository: its path, size and quantisation (read from its name).</summary>
/// <param name="Path">Its path in the repository, e.g. <c>tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf</c>.</param>
/// <param name="Size">Its size in bytes, when the Hub reported it.</param>
/// <param name="Quantization">The quantisation named in the file name (e.g. <c>Q4_K_M</c>, <c>F16</c>), or <c>unknown</c>.</param>
internal sealed record GgufFile(string Path, long? Size, string Quantization);
