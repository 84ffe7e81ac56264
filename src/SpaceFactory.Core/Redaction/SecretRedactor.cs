using System.Collections.Immutable;

namespace SpaceFactory.Core.Redaction;

/// <summary>
/// The default <see cref="ISecretRedactor"/>: removes every registered secret (also URL-encoded, percent-encoded,
/// JSON-escaped, hex, base64 and base64url) and every token-shaped string (<c>hf_…</c>, <c>Bearer …</c>,
/// <c>Authorization: …</c>). A safety net for honest mistakes, not a defence against a program that wants to leak
/// (it can always encode a secret some other way). Thread-safe.
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
            var spellings = new HashSet<string>(current, StringComparer.Ordinal);
            spellings.UnionWith(Spellings(secret));
            // Longest first so that a secret containing another is removed whole.
            return [.. spellings.OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal)];
        });
    }

    /// <summary>
    /// The ways a secret is commonly written out: as is, URL-encoded (only reserved characters, and every byte),
    /// JSON-escaped, hex (both cases), and base64/base64url at each of the three byte alignments it may have inside a
    /// longer encoded text (only the characters that depend on the secret alone, so <c>base64("token=" + secret)</c> is
    /// caught too).
    /// </summary>
    private static IEnumerable<string> Spellings(string secret)
    {
        yield return secret;
        yield return Uri.EscapeDataString(secret);
        yield return System.Text.Json.JsonEncodedText.Encode(secret).Value;
        var bytes = System.Text.Encoding.UTF8.GetBytes(secret);
        if (bytes.Length < 8)
        {
            yield break; // the encodings of a very short value would mask ordinary hex and base64 text
        }

        var hex = Convert.ToHexString(bytes);
        yield return hex;
        yield return hex.ToLowerInvariant();
        var percent = string.Concat(bytes.Select(b => "%" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        yield return percent;
        yield return percent.ToLowerInvariant();
        for (var skip = 0; skip < 3; skip++)
        {
            var whole = (bytes.Length - skip) / 3 * 3;
            if (whole < 9)
            {
                continue; // too short to be told from ordinary text
            }

            var base64 = Convert.ToBase64String(bytes, skip, whole);
            yield return base64;
            yield return base64.Replace('+', '-').Replace('/', '_');
        }
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
