namespace SpaceFactory.Phases.Analysis;

/// <summary>
/// Chooses the GGUF quantisation to serve for the memory a Space has, and estimates what a GGUF file needs at run time.
/// </summary>
/// <remarks>
/// Q4_K_M is the usual balance of quality and CPU speed; when a repository lacks it, Q5_K_M, Q8_0 and the other
/// mid-size quantisations follow, each only when it fits. When none of those fits, the largest other file that fits
/// (a smaller quantisation such as Q3_K_M or Q2_K); when nothing fits, the smallest file, which the runtime
/// recommendation then reports as needing hardware chosen by hand.
/// </remarks>
internal static class GgufQuantization
{
    /// <summary>The quantisations preferred, best first.</summary>
    public static readonly string[] Preferred = ["Q4_K_M", "Q5_K_M", "Q8_0", "Q6_K", "Q5_K_S", "Q4_K_S", "Q4_0", "IQ4_XS"];

    /// <summary>
    /// Approximate bits per weight of each quantisation as stored (llama.cpp's published sizes of 7B models), for a
    /// parameter estimate from a file's size.
    /// </summary>
    private static readonly Dictionary<string, double> BitsPerWeight = new(StringComparer.Ordinal)
    {
        ["Q2_K"] = 3.35, ["Q3_K_S"] = 3.5, ["Q3_K_M"] = 3.91, ["Q3_K_L"] = 4.27, ["Q4_0"] = 4.55, ["Q4_1"] = 5.0,
        ["Q4_K_S"] = 4.58, ["Q4_K_M"] = 4.85, ["Q5_0"] = 5.5, ["Q5_1"] = 6.0, ["Q5_K_S"] = 5.54, ["Q5_K_M"] = 5.69,
        ["Q6_K"] = 6.56, ["Q8_0"] = 8.5, ["IQ4_XS"] = 4.25, ["IQ4_NL"] = 4.5, ["F16"] = 16, ["BF16"] = 16, ["F32"] = 32,
    };

    /// <summary>
    /// The file to serve with <paramref name="availableMemoryBytes"/> of memory (see the remarks); <see langword="null"/>
    /// when there is no file. A file of unknown size is taken by preference alone.
    /// </summary>
    /// <param name="files">The loadable GGUF files (<see cref="GgufFiles.Loadable"/>).</param>
    /// <param name="availableMemoryBytes">The memory the Space offers the model, e.g. CPU basic's 12 GiB.</param>
    public static GgufFile? Choose(IReadOnlyList<GgufFile> files, long availableMemoryBytes)
    {
        bool Fits(GgufFile file) => file.Size is not { } size || EstimateMemory(size) <= availableMemoryBytes;

        foreach (var quantization in Preferred)
        {
            var preferred = files.Where(f => string.Equals(f.Quantization, quantization, StringComparison.Ordinal) && Fits(f)).MinBy(f => f.Size ?? 0);
            if (preferred is not null)
            {
                return preferred;
            }
        }

        return files.Where(f => f.Size is not null && Fits(f)).MaxBy(f => f.Size) ?? files.MinBy(f => f.Size ?? long.MaxValue);
    }

    /// <summary>
    /// Memory llama.cpp needs for a GGUF file: the weights (memory-mapped), a fifth for the context's KV cache and
    /// scratch buffers, and the runtime's own overhead (Python, Gradio).
    /// </summary>
    public static long EstimateMemory(long fileBytes) => fileBytes + (fileBytes / 5) + RuntimeRecommender.RuntimeOverheadBytes;

    /// <summary>The file's quantisation as the size estimate reads it (method <c>gguf</c>, its name and bits per weight).</summary>
    public static ModelQuantization Describe(GgufFile file) => new()
    {
        Method = ModelQuantization.Gguf,
        Name = file.Quantization,
        BitsPerWeight = BitsPerWeight.TryGetValue(file.Quantization, out var bits) ? bits : null,
    };

    /// <summary>The parameter count a file of this size and quantisation holds, when the quantisation is known.</summary>
    public static long? EstimateParameters(GgufFile file) =>
        file.Size is { } size && BitsPerWeight.TryGetValue(file.Quantization, out var bits) ? (long)(size * 8 / bits) : null;
}
