namespace SpaceFactory.Core.Redaction;

/// <summary>Removes secrets from text before it is recorded, logged or thrown.</summary>
public interface ISecretRedactor
{
    /// <summary>Registers a secret value: every later <see cref="Redact"/> removes it.</summary>
    /// <param name="secret">The value; values shorter than 4 characters are ignored (they would mask ordinary text).</param>
    void Register(string secret);

    /// <summary>Returns <paramref name="text"/> with registered secrets and token-shaped strings replaced by <see cref="TokenShapes.Mask"/>.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The redacted text.</returns>
    string Redact(string text);
}
