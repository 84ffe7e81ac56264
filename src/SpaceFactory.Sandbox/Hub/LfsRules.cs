namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// The Hub's default <c>.gitattributes</c> LFS patterns (written into every new repo's first commit) and the
/// preupload decision built on them: LFS when the path matches, when the file is larger than the threshold, or
/// when its sample looks binary.
/// </summary>
internal static class LfsRules
{
    private static readonly string[] Extensions =
    [
        ".7z", ".arrow", ".bin", ".bz2", ".ckpt", ".ftz", ".gz", ".h5", ".joblib", ".mlmodel", ".model", ".msgpack",
        ".npy", ".npz", ".onnx", ".ot", ".parquet", ".pb", ".pickle", ".pkl", ".pt", ".pth", ".rar", ".safetensors",
        ".tflite", ".tgz", ".wasm", ".xz", ".zip", ".zst", ".gguf",
    ];

    /// <summary>The <c>.gitattributes</c> text of a new repo.</summary>
    public static string GitAttributes { get; } = string.Concat(
        Extensions.Select(static e => "*" + e + " filter=lfs diff=lfs merge=lfs -text\n"))
        + "*.tar.* filter=lfs diff=lfs merge=lfs -text\n"
        + "*tfevents* filter=lfs diff=lfs merge=lfs -text\n"
        + "saved_model/**/* filter=lfs diff=lfs merge=lfs -text\n";

    /// <summary>True when the path is tracked by LFS by the default attributes.</summary>
    public static bool MatchesPattern(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        foreach (var extension in Extensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return name.Contains(".tar.", StringComparison.OrdinalIgnoreCase)
            || name.Contains("tfevents", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("saved_model/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The preupload decision for one file.</summary>
    public static bool UseLfs(string path, long size, ReadOnlySpan<byte> sample, HfSandboxOptions options)
    {
        if (size == 0)
        {
            return false;
        }

        if (size > options.LfsThresholdBytes || MatchesPattern(path))
        {
            return true;
        }

        return options.BinaryFilesUseLfs && sample.Contains((byte)0);
    }
}
