using System.Text.RegularExpressions;

namespace SpaceFactory.Phases.Analysis;

/// <summary>Finds the GGUF files a llama.cpp chat can load in a repository's file list.</summary>
internal static partial class GgufFiles
{
    /// <summary>The library name the Hub gives GGUF repositories.</summary>
    public const string Library = "gguf";

    /// <summary>
    /// The loadable GGUF files: single files only. Split parts (<c>-00001-of-00003.gguf</c>) need every part, and
    /// <c>mmproj</c> files are the vision projectors of multimodal models, not language models.
    /// </summary>
    public static IReadOnlyList<GgufFile> Loadable(IReadOnlyList<ModelFileFacts> files) =>
    [
        .. files
            .Where(f => f.Path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) && !SplitPart().IsMatch(f.Path) &&
                        !Path.GetFileName(f.Path).StartsWith("mmproj", StringComparison.OrdinalIgnoreCase))
            .Select(f => new GgufFile(f.Path, f.Size, QuantizationOf(f.Path))),
    ];

    /// <summary>Whether any file is a GGUF file (loadable or not).</summary>
    public static bool Any(IReadOnlyList<ModelFileFacts> files) => files.Any(f => f.Path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether llama.cpp should serve the repository: it holds GGUF files and either says it is a GGUF repository or
    /// has no weights Transformers could load instead.
    /// </summary>
    public static bool IsGgufRepository(IReadOnlyList<ModelFileFacts> files, string? library) =>
        Any(files) && (string.Equals(library, Library, StringComparison.OrdinalIgnoreCase) || !WeightFiles.HasTransformersWeights(files));

    /// <summary>The quantisation in a GGUF file name (the last match, upper case; <c>FP16</c> reads as <c>F16</c>), or <c>unknown</c>.</summary>
    public static string QuantizationOf(string path)
    {
        var matches = Quantization().Matches(Path.GetFileNameWithoutExtension(path));
        if (matches.Count == 0)
        {
            return "unknown";
        }

        var name = matches[^1].Groups["q"].Value.ToUpperInvariant();
        return name.StartsWith("FP", StringComparison.Ordinal) ? "F" + name[2..] : name;
    }

    [GeneratedRegex(@"-\d{5}-of-\d{5}\.gguf$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SplitPart();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<q>I?Q[1-8]_(?:K(?:_[SMLX]L?)?|[01]|[A-Z]{1,3}(?:_[A-Z]{1,3})?)|I?Q[1-8]_K|TQ[12]_0|BF16|FP16|F16|FP32|F32)(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Quantization();
}
