using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>The output is exactly the expected text (the smoke app's echo, or an agent's known edit of it).</summary>
/// <param name="expected">The text the endpoint must return.</param>
public sealed class ExactTextCheck(string expected) : OutputCheck
{
    /// <summary>The text the endpoint must return.</summary>
    public string Expected { get; } = expected ?? throw new ArgumentNullException(nameof(expected));

    /// <inheritdoc />
    public override string Kind => "exact_text";

    /// <inheritdoc />
    public override string Description => $"exactly the text \"{Expected}\"";

    /// <inheritdoc />
    protected override OutputCheckResult EvaluateFirst(JsonElement output) =>
        output.ValueKind == JsonValueKind.String && string.Equals(output.GetString(), Expected, StringComparison.Ordinal)
            ? OutputCheckResult.Pass($"returned the expected text \"{Expected}\"")
            : OutputCheckResult.Fail($"expected \"{Expected}\", got {Show(output)}");
}
