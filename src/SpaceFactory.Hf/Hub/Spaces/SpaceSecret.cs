namespace SpaceFactory.Hf.Hub;

/// <summary>
/// A Space secret to set at creation (<see cref="CreateRepoOptions.Secrets"/>). The value is never shown by
/// <see cref="ToString"/>, logged or put in an exception message.
/// </summary>
public sealed class SpaceSecret
{
    /// <summary>Creates a secret.</summary>
    /// <param name="key">Name, matching <c>^[a-zA-Z][_a-zA-Z0-9]*$</c>.</param>
    /// <param name="value">The secret value.</param>
    /// <param name="description">Optional description shown in the Space settings.</param>
    /// <exception cref="ArgumentException">The name breaks the Hub's rule.</exception>
    public SpaceSecret(string key, string value, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        Key = SpaceSettingKey.Validate(key, nameof(key), "secret");
        Value = value;
        Description = description;
    }

    /// <summary>The name.</summary>
    public string Key { get; }

    /// <summary>The secret value.</summary>
    public string Value { get; }

    /// <summary>Optional description.</summary>
    public string? Description { get; }

    /// <inheritdoc />
    public override string ToString() => $"SpaceSecret {{ Key = {Key}, Value = *** }}";
}
