using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Analysis;

/// <summary>
/// Which library serves which task, and the file each library loads from: the support matrix of the templates
/// (docs/templates.md).
/// </summary>
internal static class TaskSupport
{
    public const string Transformers = "transformers";

    private static readonly (string Library, string RequiredFile)[] Loaders =
    [
        (Transformers, "config.json"),
        ("timm", "config.json"),
        ("diffusers", "model_index.json"),
        ("sentence-transformers", "modules.json"),
    ];

    /// <summary>The libraries a pipeline's templates can load, first the default.</summary>
    public static IReadOnlyList<string> LibrariesFor(SupportedPipeline pipeline) => pipeline switch
    {
        SupportedPipeline.ImageClassification => [Transformers, "timm"],
        SupportedPipeline.TextToImage => ["diffusers"],
        SupportedPipeline.SentenceSimilarity => ["sentence-transformers"],
        SupportedPipeline.ImageToImage => ["diffusers"],
        SupportedPipeline.GgufChat => [GgufFiles.Library],
        _ => [Transformers],
    };

    /// <summary>Every library some template loads.</summary>
    public static IEnumerable<string> AllLibraries => Loaders.Select(l => l.Library);

    /// <summary>The file the library needs in the repository, e.g. <c>model_index.json</c> for diffusers.</summary>
    public static string RequiredFile(string library) =>
        Loaders.First(l => string.Equals(l.Library, library, StringComparison.OrdinalIgnoreCase)).RequiredFile;

    /// <summary>
    /// The pipeline for a Hub task and library: a chat for instruction-tuned text generation, sentence similarity for
    /// sentence-transformers feature extraction, else the tag's own pipeline.
    /// </summary>
    public static bool TryResolve(string tag, string library, bool hasChatTemplate, out SupportedPipeline pipeline)
    {
        if (!SupportedPipelines.TryFromTag(tag, out pipeline) || pipeline is SupportedPipeline.Chat or SupportedPipeline.GgufChat)
        {
            return false;
        }

        if (pipeline == SupportedPipeline.TextGeneration && hasChatTemplate)
        {
            pipeline = SupportedPipeline.Chat;
        }
        else if (pipeline == SupportedPipeline.FeatureExtraction && string.Equals(library, "sentence-transformers", StringComparison.OrdinalIgnoreCase))
        {
            pipeline = SupportedPipeline.SentenceSimilarity;
        }

        return true;
    }
}
