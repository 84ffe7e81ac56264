using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// Reads a log event's timestamp. The Hub writes <c>2025-07-22T16:06:31.079Z</c>; that exact shape is decoded straight
/// from the bytes (several times faster than the general ISO-8601 reader), anything else goes to
/// <see cref="Utf8JsonReader.TryGetDateTimeOffset"/>.
/// </summary>
internal static class JobLogTimestamp
{
    /// <summary>Reads the current string token as a timestamp; <see langword="false"/> when it is not one.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, out DateTimeOffset timestamp)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && TryParseUtc(reader.ValueSpan, out timestamp))
        {
            return true;
        }

        return reader.TryGetDateTimeOffset(out timestamp);
    }

    /// <summary>Parses <c>yyyy-MM-ddTHH:mm:ss[.fraction]Z</c> (UTC, up to 7 fraction digits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryParseUtc(ReadOnlySpan<byte> text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (text.Length < 20 || text[^1] != 'Z' || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day) ||
            !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        long fractionTicks = 0;
        if (text.Length > 20)
        {
            // ".f" to ".fffffff" then 'Z'.
            var digits = text.Length - 21;
            if (text[19] != '.' || digits is < 1 or > 7 || !TryDigits(text, 20, digits, out var fraction))
            {
                return false;
            }

            fractionTicks = fraction;
            for (var i = digits; i < 7; i++)
            {
                fractionTicks *= 10;
            }
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 59 || year < 1)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fractionTicks;
        timestamp = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
