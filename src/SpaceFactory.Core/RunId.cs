using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace SpaceFactory.Core;

/// <summary>
/// The id of a run: <c>yyyyMMddTHHmmssZ-xxxxxxxx</c> (UTC start time, then 8 random base-32 characters). Ids sort by
/// time as strings and are safe as path segments and in URLs; anything else is rejected.
/// </summary>
public readonly record struct RunId : IParsable<RunId>
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int Length = 25;

    private RunId(string value) => Value = value;

    /// <summary>The id as text.</summary>
    public string Value { get; }

    /// <summary>A new id stamped with <paramref name="timeProvider"/>'s current UTC time.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>A fresh id.</returns>
    public static RunId New(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        Span<char> suffix = stackalloc char[8];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[random[i] % Alphabet.Length];
        }

        var stamp = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return new RunId($"{stamp}-{suffix}");
    }

    /// <summary>Parses an id, rejecting anything that is not exactly the run-id shape.</summary>
    /// <param name="s">The text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="FormatException">The text is not a run id.</exception>
    public static RunId Parse(string s) => Parse(s, null);

    /// <inheritdoc />
    public static RunId Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var id)
            ? id
            : throw new FormatException($"'{Printable(s)}' is not a run id; expected yyyyMMddTHHmmssZ-xxxxxxxx (e.g. 20261123T221749Z-k3m7q2ab).");

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out RunId result)
    {
        result = default;
        if (s is null || s.Length != Length || s[8] != 'T' || s[15] != 'Z' || s[16] != '-')
        {
            return false;
        }

        for (var i = 0; i < 15; i++)
        {
            if (i != 8 && !char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        for (var i = 17; i < Length; i++)
        {
            if (!Alphabet.Contains(s[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (!DateTime.TryParseExact(s[..16], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
        {
            return false;
        }

        result = new RunId(s);
        return true;
    }

    /// <summary>Parses an id.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The id when valid.</param>
    /// <returns>Whether the text is a run id.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out RunId result) => TryParse(s, null, out result);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    private static string Printable(string? s) =>
        s is null ? "(null)" : new string([.. s.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);
}
