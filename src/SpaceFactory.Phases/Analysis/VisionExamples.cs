using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Analysis;

/// <summary>
/// The probe examples of the vision templates: each takes the factory's own 64 × 64 PNG; zero-shot image
/// classification takes the card's <c>candidate_labels</c> and vision-language chat the card's text when it has one.
/// </summary>
internal static class VisionExamples
{
    /// <summary>Whether the pipeline's first media input is an image the probe uploads.</summary>
    public static bool TakesImage(SupportedPipeline pipeline) => pipeline is SupportedPipeline.ImageToText or SupportedPipeline.ObjectDetection
        or SupportedPipeline.ZeroShotImageClassification or SupportedPipeline.DepthEstimation or SupportedPipeline.ImageSegmentation
        or SupportedPipeline.ImageTextToText;

    /// <summary>The example when the card gives none, or <see langword="null"/> for a pipeline that is not a vision one.</summary>
    public static ProbeExample? Default(SupportedPipeline pipeline) => pipeline switch
    {
        SupportedPipeline.ZeroShotImageClassification => new("(a 64x64 PNG drawn by SpaceFactory)", null, ["a photo of a cat", "a photo of a dog", "a colourful gradient"]),
        SupportedPipeline.ImageTextToText => new("Describe this image in one sentence."),
        _ when TakesImage(pipeline) => new("(a 64x64 PNG drawn by SpaceFactory)"),
        _ => null,
    };

    /// <summary>
    /// The card's example for the two vision tasks that take more than the image: the first widget entry's candidate
    /// labels (zero-shot) or text (vision-language chat); <see langword="null"/> otherwise.
    /// </summary>
    public static ProbeExample? FromCard(SupportedPipeline pipeline, IEnumerable<WidgetExample> widget, Func<string?, string?> clean)
    {
        foreach (var entry in widget)
        {
            if (pipeline == SupportedPipeline.ZeroShotImageClassification &&
                entry.CandidateLabels?.Select(clean).OfType<string>().Take(10).ToList() is { Count: > 0 } labels)
            {
                return Default(pipeline)! with { CandidateLabels = labels };
            }

            if (pipeline == SupportedPipeline.ImageTextToText && clean(entry.Text ?? entry.UserMessage) is { } text)
            {
                return new ProbeExample(text);
            }
        }

        return null;
    }
}
