using System.Collections.Immutable;

namespace SpaceFactory.Core.Redaction;

/// <summary>
/// The default <see cref="ISecretRedactor"/>: removes every registered secret (also in its URL-encoded and
/// JSON-escaped spellings) and every token-shaped string (<c>hf_…</c>, <c>Bearer …</c>, <c>Authorization: …</c>).
/// Thread-safe.
/// </summary>
public sealed class SecretRedactor : ISecretRedactor
{
    /// <summary>Shortest secret value that is registered.</summary>
    public const int MinimumSecretLength = 4;

    private ImmutableArray<string> _secrets = [];

    /// <summary>The longest registered spelling, so that stream redaction knows how much text to hold back.</summary>
    public int LongestSecretLength => _secrets.IsDefaultOrEmpty ? 0 : _secrets[0].Length;

    /// <inheritdoc />
    public void Register(string secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumSecretLength)
        {
            return;
        }

        ImmutableInterlocked.Update(ref _secrets, current =>
        {
            var spellings = new HashSet<string>(current, StringComparer.Ordinal)
            {
                secret,
                Uri.EscapeDataString(secret),
                System.Text.Json.JsonEncodedText.Encode(secret).Value,
            };
            // Longest first so that a secret containing another is removed whole.
            return [.. spellings.OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal)];
        });
    }

    /// <inheritdoc />
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, TokenShapes.Mask, StringComparison.Ordinal);
            }
        }

        return TokenShapes.Redact(text)!;
    }
}
