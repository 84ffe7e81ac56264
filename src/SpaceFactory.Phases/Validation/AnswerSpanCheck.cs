using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>Question answering: <c>{"answer": non-empty text, "score": 0..1}</c>.</summary>
public sealed class AnswerSpanCheck : OutputCheck
{
    /// <inheritdoc />
    public override string Kind => "answer_span";

    /// <inheritdoc />
    public override string Description => "a non-empty answer with a score between 0 and 1";

    /// <inheritdoc />
    protected override OutputCheckResult EvaluateFirst(JsonElement output)
    {
        if (output.ValueKind != JsonValueKind.Object ||
            !output.TryGetProperty("answer", out var answer) || answer.ValueKind != JsonValueKind.String ||
            answer.GetString()!.Trim().Length == 0)
        {
            return OutputCheckResult.Fail($"expected an object with a non-empty answer, got {Show(output)}");
        }

        return output.TryGetProperty("score", out var score) && IsScore(score)
            ? OutputCheckResult.Pass($"answer '{answer.GetString()}'")
            : OutputCheckResult.Fail($"the answer has no score between 0 and 1: {Show(output)}");
    }
}
