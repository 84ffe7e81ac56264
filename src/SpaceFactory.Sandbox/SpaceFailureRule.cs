namespace SpaceFactory.Sandbox;

/// <summary>Makes the builds or starts of matching Spaces fail with a given message.</summary>
public sealed class SpaceFailureRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="spaceId">A Space id (<c>owner/name</c>), or <c>*</c> for every Space; a trailing <c>*</c> matches a prefix.</param>
    /// <param name="kind">Which failure.</param>
    /// <param name="message">The runtime's <c>errorMessage</c> (also written to the logs).</param>
    public SpaceFailureRule(string spaceId, SpaceFailureKind kind, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spaceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        SpaceId = spaceId;
        Kind = kind;
        Message = message;
    }

    /// <summary>The Space id pattern.</summary>
    public string SpaceId { get; }

    /// <summary>Which failure.</summary>
    public SpaceFailureKind Kind { get; }

    /// <summary>The runtime's <c>errorMessage</c>.</summary>
    public string Message { get; }

    /// <summary>How many builds the rule fails before it stops applying; null (default) means always.</summary>
    public int? Times { get; init; }

    /// <summary>True when the rule applies to <paramref name="spaceId"/>.</summary>
    public bool Matches(string spaceId) => SpaceId switch
    {
        "*" => true,
        _ when SpaceId.EndsWith('*') => spaceId.StartsWith(SpaceId[..^1], StringComparison.OrdinalIgnoreCase),
        _ => string.Equals(SpaceId, spaceId, StringComparison.OrdinalIgnoreCase),
    };
}
