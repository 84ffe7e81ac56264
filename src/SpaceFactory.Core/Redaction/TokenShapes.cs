using System.Text.RegularExpressions;

#if SPACEFACTORY_HF
namespace SpaceFactory.Hf.Http;
#else
namespace SpaceFactory.Core.Redaction;
#endif

/// <summary>
/// Recognises strings shaped like credentials (Hugging Face tokens, bearer values, <c>Authorization</c> headers)
/// so that they can be removed from anything that is logged, recorded or thrown.
/// </summary>
#if SPACEFACTORY_HF
internal
#else
public
#endif
static partial class TokenShapes
{
    /// <summary>The text that replaces a removed secret.</summary>
    public const string Mask = "[REDACTED]";

    /// <summary>Replaces every token-shaped substring of <paramref name="text"/> with <see cref="Mask"/>.</summary>
    /// <param name="text">Any text; <see langword="null"/> yields <see langword="null"/>.</param>
    /// <returns>The text with token shapes removed.</returns>
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || !MayContainToken(text))
        {
            return text;
        }

        text = AuthorizationHeader().Replace(text, "${prefix}" + Mask);
        text = Bearer().Replace(text, "${prefix}" + Mask);
        return HfToken().Replace(text, Mask);
    }

    /// <summary>Whether <paramref name="text"/> holds anything <see cref="Redact"/> would remove.</summary>
    /// <param name="text">Any text.</param>
    /// <returns><see langword="true"/> when a token shape is present.</returns>
    public static bool ContainsToken(string? text) =>
        !string.IsNullOrEmpty(text) && MayContainToken(text) &&
        (HfToken().IsMatch(text) || Bearer().IsMatch(text) || AuthorizationHeader().IsMatch(text));

    // A cheap pre-check keeps the hot path (most recorded text) free of regex work.
    private static bool MayContainToken(string text) =>
        text.Contains("hf_", StringComparison.Ordinal) ||
        text.Contains("api_org_", StringComparison.Ordinal) ||
        text.Contains("earer", StringComparison.OrdinalIgnoreCase) ||
        text.Contains("uthorization", StringComparison.OrdinalIgnoreCase);

    // User tokens (hf_ + 34 chars), OAuth tokens (hf_oauth_...), org tokens (api_org_...).
    [GeneratedRegex(@"\b(?:hf|api_org)_[A-Za-z0-9_\-]{8,}", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 2000)]
    private static partial Regex HfToken();

    [GeneratedRegex(@"(?<prefix>\bBearer\s+)[A-Za-z0-9_\-\.=:/+~]{6,}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"(?<prefix>(?:X-HF-)?Authorization[""']?\s*[:=]\s*[""']?(?:[A-Za-z]+\s+)?)[^\s""',}\[]{6,}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 2000)]
    private static partial Regex AuthorizationHeader();
}
