using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// The longest a Job may run (<c>timeoutSeconds</c>, whole seconds). Without one the Hub stops a Job after 30 minutes.
/// </summary>
/// <remarks>
/// <see cref="Parse(string)"/> reads the strings <c>hf jobs run --timeout</c> accepts, the same way: the last character
/// is the unit (<c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>; case-sensitive), the rest a decimal number, and the result is
/// truncated to whole seconds (<c>"1.5h"</c> → 5400); a string without a unit is a whole number of seconds. Unlike the
/// Python client, a result below one second (<c>"-5m"</c>, <c>"0.2s"</c>) is rejected instead of being sent.
/// </remarks>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public readonly record struct JobTimeout : IParsable<JobTimeout>
{
    private const string Syntax =
        "use a whole number of seconds ('300') or a number followed by the unit s, m, h or d ('90s', '15m', '1.5h', '2d'; the unit is case-sensitive)";

    private JobTimeout(int seconds) => Seconds = seconds;

    /// <summary>The timeout in whole seconds, as sent in <c>timeoutSeconds</c>; 0 only for a default value.</summary>
    public int Seconds { get; }

    /// <summary>The timeout as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Seconds);

    /// <summary>Converts a <see cref="TimeSpan"/> (see <see cref="FromTimeSpan"/>).</summary>
    /// <param name="duration">The timeout.</param>
    public static implicit operator JobTimeout(TimeSpan duration) => FromTimeSpan(duration);

    /// <summary>A timeout of whole seconds.</summary>
    /// <param name="seconds">At least 1 and at most <see cref="int.MaxValue"/>.</param>
    /// <returns>The timeout.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range.</exception>
    public static JobTimeout FromSeconds(long seconds) =>
        seconds is >= 1 and <= int.MaxValue
            ? new JobTimeout((int)seconds)
            : throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"A Job timeout of {seconds} s is out of range; it must be between 1 s and {int.MaxValue} s.");

    /// <summary>A timeout from a duration, truncated to whole seconds.</summary>
    /// <param name="duration">At least one second.</param>
    /// <returns>The timeout.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The duration is shorter than one second or too long.</exception>
    public static JobTimeout FromTimeSpan(TimeSpan duration)
    {
        var seconds = Math.Truncate(duration.TotalSeconds);
        return seconds is >= 1 and <= int.MaxValue
            ? new JobTimeout((int)seconds)
            : throw new ArgumentOutOfRangeException(nameof(duration), duration, $"A Job timeout of {duration} is out of range; it must be between 1 s and {int.MaxValue} s.");
    }

    /// <summary>Parses <c>"90s"</c>, <c>"15m"</c>, <c>"1.5h"</c>, <c>"2d"</c> or <c>"300"</c> like the <c>hf</c> CLI.</summary>
    /// <param name="s">The text.</param>
    /// <returns>The timeout.</returns>
    /// <exception cref="FormatException">The text is not a timeout; the message quotes it and gives the syntax.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The text is a timeout below one second or too long.</exception>
    public static JobTimeout Parse(string s) => Parse(s, provider: null);

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored: the syntax is culture-invariant.</param>
    public static JobTimeout Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Evaluate(s, out var seconds) switch
        {
            ParseOutcome.Ok => new JobTimeout((int)seconds),
            ParseOutcome.OutOfRange => throw new ArgumentOutOfRangeException(
                nameof(s), $"Job timeout '{s}' is {seconds} s after truncation to whole seconds; it must be between 1 s and {int.MaxValue} s."),
            _ => throw new FormatException(s.Length == 0
                ? $"A Job timeout must not be empty ('{s}'): {Syntax}."
                : $"Job timeout '{s}' is not valid: {Syntax}."),
        };
    }

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out JobTimeout result)
    {
        result = default;
        if (s is null || Evaluate(s, out var seconds) != ParseOutcome.Ok)
        {
            return false;
        }

        result = new JobTimeout((int)seconds);
        return true;
    }

    /// <summary>The timeout as whole seconds with the <c>s</c> unit, e.g. <c>900s</c> (parses back to the same value).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Seconds.ToString(CultureInfo.InvariantCulture) + "s";

    // Mirrors _create_job_spec: unit = last char; value = int(float(rest) * factor); no unit = int(text).
    private static ParseOutcome Evaluate(string s, out double seconds)
    {
        seconds = 0;
        if (s.Length == 0)
        {
            return ParseOutcome.Malformed;
        }

        var factor = s[^1] switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            _ => 0,
        };
        if (factor > 0)
        {
            if (!double.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ||
                !double.IsFinite(number))
            {
                return ParseOutcome.Malformed;
            }

            seconds = Math.Truncate(number * factor);
        }
        else
        {
            if (!long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
            {
                return ParseOutcome.Malformed;
            }

            seconds = whole;
        }

        return seconds is >= 1 and <= int.MaxValue ? ParseOutcome.Ok : ParseOutcome.OutOfRange;
    }

    private enum ParseOutcome
    {
        Ok,
        Malformed,
        OutOfRange,
    }
}
