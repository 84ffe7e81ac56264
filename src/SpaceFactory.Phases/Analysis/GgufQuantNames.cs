namespace SpaceFactory.Phases.Analysis;

/// <summary>GGUF quantisation names as they appear in file names, with llama.cpp's average bits per weight.</summary>
internal static class GgufQuantNames
{
    /// <summary>Name → bits per weight (llama.cpp's figures, rounded up), tried longest first so Q4_K_M wins over Q4_K.</summary>
    private static readonly (string Name, double Bits)[] Known = [.. new (string Name, double Bits)[]
    {
        ("IQ2_XXS", 2.06), ("IQ3_XXS", 3.06), ("Q3_K_XL", 4.3), ("Q4_K_XL", 4.9), ("Q5_K_XL", 5.8), ("Q6_K_XL", 6.7), ("Q8_K_XL", 8.5),
        ("IQ1_S", 1.56), ("IQ1_M", 1.75), ("IQ2_XS", 2.31), ("IQ2_S", 2.5), ("IQ2_M", 2.7), ("IQ3_XS", 3.3), ("IQ3_S", 3.44), ("IQ3_M", 3.66),
        ("IQ4_XS", 4.25), ("IQ4_NL", 4.5), ("Q2_K_S", 2.7), ("Q2_K_L", 3.0), ("Q3_K_S", 3.5), ("Q3_K_M", 3.91), ("Q3_K_L", 4.27),
        ("Q4_K_S", 4.58), ("Q4_K_M", 4.85), ("Q4_K_L", 5.0), ("Q5_K_S", 5.54), ("Q5_K_M", 5.69), ("Q5_K_L", 5.9), ("MXFP4", 4.25),
        ("TQ1_0", 1.69), ("TQ2_0", 2.06), ("Q2_K", 2.63), ("Q3_K", 3.91), ("Q4_K", 4.85), ("Q5_K", 5.69), ("Q6_K", 6.56),
        ("Q4_0", 4.55), ("Q4_1", 5.0), ("Q5_0", 5.5), ("Q5_1", 6.0), ("Q8_0", 8.5), ("BF16", 16), ("F16", 16), ("F32", 32),
    }.OrderByDescending(k => k.Name.Length)];

    /// <summary>Preferred quantisations for a demo, best first: good quality at a quarter of the fp16 size.</summary>
    public static readonly string[] Preference = ["Q4_K_M", "Q4_K_S", "Q5_K_M", "Q4_0", "IQ4_XS", "Q5_K_S", "Q6_K", "Q8_0", "Q3_K_M", "Q3_K_L"];

    /// <summary>The quantisation named in a GGUF file name (<c>llama-2-7b.Q4_K_M.gguf</c>, <c>qwen-q4_k_m-00001-of-00002.gguf</c>).</summary>
    public static (string Name, double Bits)? FromFileName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path).ToUpperInvariant();
        foreach (var (label, bits) in Known)
        {
            for (var at = name.IndexOf(label, StringComparison.Ordinal); at >= 0; at = name.IndexOf(label, at + 1, StringComparison.Ordinal))
            {
                var end = at + label.Length;
                if ((at == 0 || !char.IsLetterOrDigit(name[at - 1])) && (end == name.Length || !char.IsLetterOrDigit(name[end])))
                {
                    return (label, bits);
                }
            }
        }

        return null;
    }
}
