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
}
