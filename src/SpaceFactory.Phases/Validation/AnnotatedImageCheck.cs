using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>
/// Object detection and image segmentation (a Gradio <c>AnnotatedImage</c>): <c>{"image": FileData, "annotations":
/// [{"image": FileData, "label"}]}</c> with at least one labelled mask; for detection the second output must list the
/// same number of boxes <c>{"label", "score", "box": {"xmin", "ymin", "xmax", "ymax"}}</c> with scores between 0 and 1
/// and ordered corners. The base image and the first masks are then downloaded and must decode as images.
/// </summary>
/// <param name="withBoxes">Whether the second output must be the list of boxes (detection).</param>
public sealed class AnnotatedImageCheck(bool withBoxes) : FileOutputCheck
{
    /// <summary>Most mask files downloaded besides the base image.</summary>
    public const int MaxMasksDownloaded = 4;

    private static readonly string[] Sides = ["xmin", "ymin", "xmax", "ymax"];
    private readonly ImageFileCheck _image = new();

    /// <summary>Whether the second output must be the list of boxes.</summary>
    public bool WithBoxes { get; } = withBoxes;

    /// <inheritdoc />
    public override string Kind => WithBoxes ? "annotated_boxes" : "annotated_masks";

    /// <inheritdoc />
    public override string Description => WithBoxes
        ? "an annotated image with labelled boxes (and the boxes as JSON with scores between 0 and 1), every image decoding"
        : "an annotated image with labelled masks, every image decoding";

    /// <inheritdoc />
    public override string DefaultExtension => _image.DefaultExtension;

    /// <inheritdoc />
    public override IReadOnlyList<JsonElement> FileReferences(IReadOnlyList<JsonElement> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var annotated = outputs[0];
        return [annotated.GetProperty("image"), .. annotated.GetProperty("annotations").EnumerateArray().Take(MaxMasksDownloaded).Select(a => a.GetProperty("image"))];
    }

    /// <inheritdoc />
    public override (OutputCheckResult Result, string Extension) EvaluateContent(ReadOnlySpan<byte> content) => _image.EvaluateContent(content);

    /// <inheritdoc />
    protected override OutputCheckResult EvaluateOutputs(IReadOnlyList<JsonElement> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var annotated = EvaluateFirst(outputs[0]);
        if (!annotated.Passed || !WithBoxes)
        {
            return annotated;
        }

        if (outputs.Count < 2)
        {
            return OutputCheckResult.Fail("the endpoint returned the annotated image but not the list of boxes");
        }

        var boxes = outputs[1];
        if (boxes.ValueKind != JsonValueKind.Array || boxes.GetArrayLength() == 0)
        {
            return OutputCheckResult.Fail($"expected a non-empty list of boxes, got {Show(boxes)}");
        }

        foreach (var item in boxes.EnumerateArray())
        {
            if (BoxProblem(item) is { } problem)
            {
                return OutputCheckResult.Fail($"{problem}: {Show(item)}");
            }
        }

        var count = outputs[0].GetProperty("annotations").GetArrayLength();
        return count != boxes.GetArrayLength()
            ? OutputCheckResult.Fail($"the image has {count} annotations but the list has {boxes.GetArrayLength()} boxes")
            : OutputCheckResult.Pass($"{count} labelled boxes (top '{boxes[0].GetProperty("label").GetString()}')");
    }

    /// <inheritdoc />
    protected override OutputCheckResult EvaluateFirst(JsonElement output)
    {
        if (output.ValueKind != JsonValueKind.Object || !output.TryGetProperty("image", out var image) || !IsFileReference(image))
        {
            return OutputCheckResult.Fail($"expected an AnnotatedImage with a base image file, got {Show(output)}");
        }

        if (!output.TryGetProperty("annotations", out var annotations) || annotations.ValueKind != JsonValueKind.Array || annotations.GetArrayLength() == 0)
        {
            return OutputCheckResult.Fail($"the annotated image has no annotations: {Show(output)}");
        }

        foreach (var annotation in annotations.EnumerateArray())
        {
            if (annotation.ValueKind != JsonValueKind.Object || !annotation.TryGetProperty("image", out var mask) || !IsFileReference(mask) ||
                !annotation.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(label.GetString()))
            {
                return OutputCheckResult.Fail($"an annotation lacks its mask file or its label: {Show(annotation)}");
            }
        }

        return OutputCheckResult.Pass($"{annotations.GetArrayLength()} labelled masks (first '{annotations[0].GetProperty("label").GetString()}')");
    }

    private static string? BoxProblem(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(label.GetString()))
        {
            return "a box has no label";
        }

        if (!item.TryGetProperty("score", out var score) || !IsScore(score))
        {
            return "a box's score is missing or not between 0 and 1";
        }

        if (!item.TryGetProperty("box", out var box) || box.ValueKind != JsonValueKind.Object)
        {
            return "a box has no coordinates";
        }

        var corners = new double[4];
        for (var i = 0; i < Sides.Length; i++)
        {
            if (!box.TryGetProperty(Sides[i], out var side) || side.ValueKind != JsonValueKind.Number || !side.TryGetDouble(out corners[i]) || corners[i] < 0)
            {
                return $"a box's {Sides[i]} is missing or negative";
            }
        }

        return corners[0] > corners[2] || corners[1] > corners[3] ? "a box's corners are not ordered (xmin <= xmax, ymin <= ymax)" : null;
    }
}
