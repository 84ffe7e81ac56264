using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>Token classification: a list of entities, each with a <c>word</c> and a <c>score</c> between 0 and 1.</summary>
public sealed class EntityListCheck : OutputCheck
{
    /// <inheritdoc />
    public override string Kind => "entity_list";

    /// <inheritdoc />
    public override string Description => "a list of entities with words and scores";

    /// <inheritdoc />
    protected override OutputCheckResult EvaluateFirst(JsonElement output)
    {
        if (output.ValueKind != JsonValueKind.Array)
        {
            return OutputCheckResult.Fail($"expected a list of entities, got {Show(output)}");
        }

        foreach (var entity in output.EnumerateArray())
        {
            if (entity.ValueKind != JsonValueKind.Object ||
                !entity.TryGetProperty("word", out var word) || word.ValueKind != JsonValueKind.String ||
                !entity.TryGetProperty("score", out var score) || !IsScore(score))
            {
                return OutputCheckResult.Fail($"an entity lacks a word or a score between 0 and 1: {Show(entity)}");
            }
        }

        return OutputCheckResult.Pass($"{output.GetArrayLength()} entities");
    }
}
