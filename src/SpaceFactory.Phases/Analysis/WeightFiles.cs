namespace SpaceFactory.Phases.Analysis;

/// <summary>Reads model size and format out of a repository's file list.</summary>
internal static class WeightFiles
{
    private static readonly string[][] FormatsByPreference =
    [
        [".safetensors"],
        [".bin", ".pt", ".pth"],
        [".h5"],
        [".msgpack"],
    ];

    /// <summary>Total bytes of the preferred weight format present (safetensors, else PyTorch, else TF, else Flax).</summary>
    public static long? TotalBytes(IReadOnlyList<ModelFileFacts> files)
    {
        foreach (var extensions in FormatsByPreference)
        {
            var matching = files.Where(f => extensions.Any(e => f.Path.EndsWith(e, StringComparison.OrdinalIgnoreCase)) &&
                                            !f.Path.EndsWith("training_args.bin", StringComparison.OrdinalIgnoreCase)).ToList();
            if (matching.Count > 0)
            {
                return matching.All(f => f.Size is not null) ? matching.Sum(f => f.Size!.Value) : null;
            }
        }

        return null;
    }

    /// <summary>Whether the repository holds weights Transformers can load (safetensors, PyTorch, TF or Flax).</summary>
    public static bool HasTransformersWeights(IReadOnlyList<ModelFileFacts> files) =>
        FormatsByPreference.SelectMany(e => e).Any(ext => files.Any(f => f.Path.EndsWith(ext, StringComparison.OrdinalIgnoreCase)));

    public static bool HasFile(IReadOnlyList<ModelFileFacts> files, string name) =>
        files.Any(f => string.Equals(Path.GetFileName(f.Path), name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The GGUF quantisation a demo would load, with the bytes of its file(s) (split files summed): the first of
    /// <see cref="GgufQuantNames.Preference"/> present, else the smallest named one; <see langword="null"/> without GGUF files.
    /// </summary>
    public static GgufChoice? ChooseGguf(IReadOnlyList<ModelFileFacts> files)
    {
        var byQuant = files
            .Where(f => f.Path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(f.Path).StartsWith("mmproj", StringComparison.OrdinalIgnoreCase))
            .Select(f => (File: f, Quant: GgufQuantNames.FromFileName(f.Path)))
            .Where(f => f.Quant is not null)
            .GroupBy(f => f.Quant!.Value.Name, StringComparer.Ordinal)
            .Select(g => new GgufChoice(
                [.. g.Select(f => f.File.Path).Order(StringComparer.Ordinal)],
                new ModelQuantization { Method = ModelQuantization.Gguf, Name = g.Key, BitsPerWeight = g.First().Quant!.Value.Bits },
                g.All(f => f.File.Size is not null) ? g.Sum(f => f.File.Size!.Value) : null))
            .ToList();
        return GgufQuantNames.Preference.Select(p => byQuant.Find(c => string.Equals(c.Quantization.Name, p, StringComparison.Ordinal))).FirstOrDefault(c => c is not null)
            ?? byQuant.OrderBy(c => c.Bytes ?? long.MaxValue).FirstOrDefault();
    }

    public static bool IsGgufOnly(IReadOnlyList<ModelFileFacts> files) =>
        files.Any(f => f.Path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)) && !HasTransformersWeights(files);
}
