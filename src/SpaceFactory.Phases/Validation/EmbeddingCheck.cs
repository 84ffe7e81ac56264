using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>
/// Feature extraction: <c>{"dimensions": n, "embedding": [n finite numbers]}</c> with n &gt; 0, and n the model's own
/// dimension when it is known.
/// </summary>
/// <param name="expectedDimensions">The model's embedding length (from its config), or null when unknown.</param>
public sealed class EmbeddingCheck(int? expectedDimensions = null) : OutputCheck
{
    /// <summary>The length the vector must have, or null when any length passes.</summary>
    public int? ExpectedDimensions { get; } = expectedDimensions;

    /// <inheritdoc />
    public override string Kind => "embedding_vector";

    /// <inheritdoc />
    public override string Description => ExpectedDimensions is { } n
        ? $"a vector of {n} finite numbers (the model's dimension) whose length matches 'dimensions'"
        : "a non-empty vector of finite numbers whose length matches 'dimensions'";

    /// <inheritdoc />
    protected override OutputCheckResult EvaluateFirst(JsonElement output)
    {
        if (output.ValueKind != JsonValueKind.Object ||
            !output.TryGetProperty("embedding", out var embedding) || embedding.ValueKind != JsonValueKind.Array ||
            embedding.GetArrayLength() == 0)
        {
            return OutputCheckResult.Fail($"expected an object with a non-empty 'embedding' array, got {Show(output)}");
        }

        foreach (var value in embedding.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
            {
                return OutputCheckResult.Fail($"the embedding holds a value that is not a finite number: {Show(value)}");
            }
        }

        var length = embedding.GetArrayLength();
        if (output.TryGetProperty("dimensions", out var dimensions) &&
            (dimensions.ValueKind != JsonValueKind.Number || !dimensions.TryGetInt32(out var declared) || declared != length))
        {
            return OutputCheckResult.Fail($"'dimensions' ({Show(dimensions)}) does not match the vector length {length}");
        }

        if (ExpectedDimensions is { } expected && length != expected)
        {
            return OutputCheckResult.Fail($"a {length}-dimensional embedding, but the model's vectors have {expected} dimensions");
        }

        return OutputCheckResult.Pass($"a {length}-dimensional embedding");
    }
}
