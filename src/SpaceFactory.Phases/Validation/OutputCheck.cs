using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>
/// Decides whether the outputs of a live Gradio endpoint are what its pipeline must return (non-empty text that
/// starts with the prompt, a label with scores, an embedding...). The factory declares success only on a pass.
/// </summary>
public abstract class OutputCheck
{
    /// <summary>A short machine name recorded in <c>test_result.json</c>, e.g. <c>starts_with_prompt</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>What the check expects, for people reading the report.</summary>
    public abstract string Description { get; }

    /// <summary>Evaluates the endpoint's outputs (the <c>data</c> array of a completed call).</summary>
    /// <param name="outputs">The outputs, one per return component.</param>
    /// <returns>The verdict with its reason.</returns>
    public OutputCheckResult Evaluate(IReadOnlyList<JsonElement> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return outputs.Count == 0 ? OutputCheckResult.Fail("the endpoint returned no output") : EvaluateOutputs(outputs);
    }

    /// <summary>Evaluates a non-empty list of outputs; by default only the first counts.</summary>
    /// <param name="outputs">The outputs, at least one.</param>
    /// <returns>The verdict.</returns>
    protected virtual OutputCheckResult EvaluateOutputs(IReadOnlyList<JsonElement> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return EvaluateFirst(outputs[0]);
    }

    /// <summary>Evaluates the first output.</summary>
    /// <param name="output">The first output value.</param>
    /// <returns>The verdict.</returns>
    protected abstract OutputCheckResult EvaluateFirst(JsonElement output);

    /// <summary>A readable, bounded rendering of an output for failure reasons.</summary>
    /// <param name="value">The value.</param>
    /// <returns>At most 200 characters of its JSON.</returns>
    protected static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
    }

    /// <summary>Whether <paramref name="value"/> is a number between 0 and 1 (a score or confidence).</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> for a probability-like number.</returns>
    protected static bool IsScore(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var score) && score is >= 0 and <= 1 && !double.IsNaN(score);
}
