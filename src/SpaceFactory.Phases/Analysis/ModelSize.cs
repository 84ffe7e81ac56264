namespace SpaceFactory.Phases.Analysis;

/// <summary>How big a model is, measured from what the Hub says.</summary>
/// <param name="WeightBytes">Bytes of the weights an app loads (one format; for GGUF, the chosen quantisation's file).</param>
/// <param name="Parameters">The parameter count.</param>
/// <param name="ParametersSource"><c>safetensors</c> (exact) or <c>weight-files</c> (estimated from the sizes and dtype).</param>
/// <param name="Dtype">The dtype the weights were saved in (a torch name), when known.</param>
/// <param name="Quantization">The quantisation, when quantised.</param>
internal sealed record ModelSize(long? WeightBytes, long? Parameters, string? ParametersSource, string? Dtype, ModelQuantization? Quantization)
{
    /// <summary>
    /// Measures a model: the weight bytes from the file sizes; the parameters exactly from the safetensors metadata,
    /// else from the bytes and the bytes per weight (quantisation, safetensors dtype, config dtype, else 4).
    /// Quantised safetensors count packed integers, so a quantised model's parameters come from its bytes.
    /// </summary>
    public static ModelSize Measure(ModelFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var dtype = facts.WeightDtype ?? facts.ConfigDtype;
        var gguf = GgufFiles.IsGgufRepository(facts.Files, library: null)
            ? GgufQuantization.Choose(GgufFiles.Loadable(facts.Files), RuntimeRecommender.CpuBasicMemory(new RuntimeOptions()))
            : null;
        var quantization = facts.Quantization ?? (gguf is null ? null : GgufQuantization.Describe(gguf));
        var weightBytes = gguf is not null ? gguf.Size : WeightFiles.TotalBytes(facts.Files);
        var bytesPerWeight = BytesPerWeight(quantization, facts.BytesPerParameter, dtype);
        if (facts.SafetensorsParameters is { } exact && (quantization is null || weightBytes is null))
        {
            return new ModelSize(weightBytes, exact, "safetensors", dtype, quantization);
        }

        return weightBytes is { } bytes
            ? new ModelSize(bytes, (long)(bytes / bytesPerWeight), "weight-files", dtype, quantization)
            : new ModelSize(null, null, null, dtype, quantization);
    }

    /// <summary>Bytes per weight: the quantisation's bits, else the safetensors dtype, else the config's dtype, else float32.</summary>
    public static double BytesPerWeight(ModelQuantization? quantization, int? safetensorsBytes, string? dtype) =>
        quantization?.BitsPerWeight is { } bits ? bits / 8 : safetensorsBytes ?? DtypeBytes(dtype) ?? 4;

    /// <summary>Bytes of one weight of a torch dtype name.</summary>
    public static int? DtypeBytes(string? dtype) => dtype switch
    {
        "float32" => 4,
        "float16" or "bfloat16" => 2,
        "float8_e4m3fn" or "float8_e5m2" or "int8" or "uint8" => 1,
        "float64" => 8,
        _ => null,
    };
}
