using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>Summaries, translations and text-to-text outputs: a non-empty string.</summary>
public sealed class NonEmptyTextCheck : OutputCheck
{
    /// <inheritdoc />
    public override string Kind => "non_empty_text";

    /// <inheritdoc />
    public override string Description => "non-empty text";

    /// <inheritdoc />
    protected override OutputCheckResult EvaluateFirst(JsonElement output) =>
        output.ValueKind == JsonValueKind.String && output.GetString()!.Trim().Length > 0
            ? OutputCheckResult.Pass($"returned {output.GetString()!.Length} characters of text")
            : OutputCheckResult.Fail($"expected non-empty text, got {Show(output)}");
}
