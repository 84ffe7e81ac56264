using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>Feature extraction: <c>{"dimensions": n, "embedding": [n finite numbers]}</c> with n &gt; 0.</summary>
public sealed class EmbeddingCheck : OutputCheck
{
    /// <inheritdoc />
    public override string Kind => "embedding_vector";

    /// <inheritdoc />
    public override string Description => "a non-empty vector of finite numbers whose length matches 'dimensions'";

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

        return OutputCheckResult.Pass($"a {length}-dimensional embedding");
    }
}
