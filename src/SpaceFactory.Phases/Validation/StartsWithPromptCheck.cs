using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>Text generation: the output is non-empty text that starts with the prompt.</summary>
/// <param name="prompt">The prompt the probe sent.</param>
public sealed class StartsWithPromptCheck(string prompt) : OutputCheck
{
    /// <summary>The prompt the output must start with.</summary>
    public string Prompt { get; } = prompt ?? throw new ArgumentNullException(nameof(prompt));

    /// <inheritdoc />
    public override string Kind => "starts_with_prompt";

    /// <inheritdoc />
    public override string Description => "non-empty text that starts with the prompt";

    /// <inheritdoc />
    protected override OutputCheckResult EvaluateFirst(JsonElement output)
    {
        if (output.ValueKind != JsonValueKind.String)
        {
            return OutputCheckResult.Fail($"expected text, got {output.ValueKind}: {Show(output)}");
        }

        var text = output.GetString()!;
        if (text.Trim().Length == 0)
        {
            return OutputCheckResult.Fail("the generated text is empty");
        }

        return text.StartsWith(Prompt, StringComparison.Ordinal)
            ? OutputCheckResult.Pass($"generated {text.Length - Prompt.Length} characters after the prompt")
            : OutputCheckResult.Fail($"the generated text does not start with the prompt: {Show(output)}");
    }
}
