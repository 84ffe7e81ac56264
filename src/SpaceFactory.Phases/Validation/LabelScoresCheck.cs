using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>
/// Classification and fill-mask (a Gradio <c>Label</c>): <c>{"label": …, "confidences": [{"label", "confidence"}]}</c>
/// with a top label and scores between 0 and 1; optionally the label must be one of a known set.
/// </summary>
/// <param name="allowedLabels">When given, the top label must be one of these.</param>
public sealed class LabelScoresCheck(IReadOnlyList<string>? allowedLabels = null) : OutputCheck
{
    /// <summary>The labels the top label must come from, if restricted.</summary>
    public IReadOnlyList<string>? AllowedLabels { get; } = allowedLabels;

    /// <inheritdoc />
    public override string Kind => "label_with_scores";

    /// <inheritdoc />
    public override string Description => AllowedLabels is null
        ? "a label with confidence scores between 0 and 1"
        : $"a label among [{string.Join(", ", AllowedLabels)}] with confidence scores between 0 and 1";

    /// <inheritdoc />
    protected override OutputCheckResult EvaluateFirst(JsonElement output)
    {
        if (output.ValueKind != JsonValueKind.Object ||
            !output.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String ||
            string.IsNullOrWhiteSpace(label.GetString()))
        {
            return OutputCheckResult.Fail($"expected a Label object with a top label, got {Show(output)}");
        }

        if (!output.TryGetProperty("confidences", out var confidences) || confidences.ValueKind != JsonValueKind.Array ||
            confidences.GetArrayLength() == 0)
        {
            return OutputCheckResult.Fail($"the label has no confidence scores: {Show(output)}");
        }

        foreach (var item in confidences.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("confidence", out var score) || !IsScore(score))
            {
                return OutputCheckResult.Fail($"a confidence is missing or not between 0 and 1: {Show(item)}");
            }
        }

        var top = label.GetString()!;
        if (AllowedLabels is not null && !AllowedLabels.Contains(top, StringComparer.Ordinal))
        {
            return OutputCheckResult.Fail($"the top label '{top}' is not one of [{string.Join(", ", AllowedLabels)}]");
        }

        return OutputCheckResult.Pass($"top label '{top}' with {confidences.GetArrayLength()} scores");
    }
}
