namespace SpaceFactory.Hf.Hub;

/// <summary>A public Space variable (environment variable visible to anyone who can see the Space).</summary>
public sealed class SpaceVariable
{
    /// <summary>Creates a variable.</summary>
    /// <param name="key">Name, matching <c>^[a-zA-Z][_a-zA-Z0-9]*$</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="description">Optional description.</param>
    /// <param name="updatedAt">When the Hub last changed it (set on variables read from the Hub).</param>
    /// <exception cref="ArgumentException">The name breaks the Hub's rule.</exception>
    public SpaceVariable(string key, string value, string? description = null, DateTimeOffset? updatedAt = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        Key = SpaceSettingKey.Validate(key, nameof(key), "variable");
        Value = value;
        Description = description;
        UpdatedAt = updatedAt;
    }

    private SpaceVariable(string key, string value, string? description, DateTimeOffset? updatedAt, bool fromHub)
    {
        _ = fromHub;
        Key = key;
        Value = value;
        Description = description;
        UpdatedAt = updatedAt;
    }

    /// <summary>The name.</summary>
    public string Key { get; }

    /// <summary>The value.</summary>
    public string Value { get; }

    /// <summary>Optional description.</summary>
    public string? Description { get; }

    /// <summary>When the Hub last changed it; <see langword="null"/> for a variable not read from the Hub.</summary>
    public DateTimeOffset? UpdatedAt { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Key}={Value}";

    /// <summary>A variable as the Hub listed it, without re-validating its name.</summary>
    internal static SpaceVariable FromHub(string key, string value, string? description, DateTimeOffset? updatedAt) =>
        new(key, value, description, updatedAt, fromHub: true);
}
