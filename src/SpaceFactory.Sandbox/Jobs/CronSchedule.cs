using System.Globalization;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>
/// A Jobs schedule as the Hub accepts it: <c>@hourly</c>, <c>@daily</c>, <c>@weekly</c>, <c>@monthly</c>,
/// <c>@yearly</c>/<c>@annually</c>, or a five-field CRON expression (minute hour day-of-month month day-of-week; <c>*</c>,
/// <c>a-b</c>, <c>/step</c>, lists, and the English month and day names). Times are UTC.
/// </summary>
internal sealed class CronSchedule
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@hourly"] = "0 * * * *",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@weekly"] = "0 0 * * 0",
        ["@monthly"] = "0 0 1 * *",
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
    };

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _days;
    private readonly bool[] _months;
    private readonly bool[] _weekdays;
    private readonly bool _anyDay;
    private readonly bool _anyWeekday;

    private CronSchedule(bool[] minutes, bool[] hours, bool[] days, bool[] months, bool[] weekdays, bool anyDay, bool anyWeekday)
    {
        (_minutes, _hours, _days, _months, _weekdays, _anyDay, _anyWeekday) = (minutes, hours, days, months, weekdays, anyDay, anyWeekday);
    }

    /// <summary>Parses a schedule; on failure <paramref name="problem"/> says what was wrong, in words.</summary>
    public static CronSchedule? TryParse(string? text, out string? problem)
    {
        problem = null;
        var expression = text?.Trim() ?? "";
        if (Aliases.TryGetValue(expression, out var alias))
        {
            expression = alias;
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            problem = $"Invalid schedule '{text}': expected @hourly, @daily, @weekly, @monthly, @yearly, @annually or a CRON expression of five fields (minute hour day-of-month month day-of-week)";
            return null;
        }

        var minutes = Field(fields[0], 0, 59, null, "minute", ref problem);
        var hours = Field(fields[1], 0, 23, null, "hour", ref problem);
        var days = Field(fields[2], 1, 31, null, "day of month", ref problem);
        var months = Field(fields[3], 1, 12, MonthNames, "month", ref problem);
        var weekdays = Field(fields[4], 0, 7, DayNames, "day of week", ref problem);
        if (problem is not null)
        {
            problem = $"Invalid schedule '{text}': {problem}";
            return null;
        }

        weekdays![0] |= weekdays[7];
        return new CronSchedule(minutes!, hours!, days!, months!, weekdays, fields[2] is "*" or "?", fields[4] is "*" or "?");
    }

    /// <summary>The first whole minute strictly after <paramref name="after"/> that the schedule matches.</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        var utc = after.ToUniversalTime();
        var time = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var limit = time.AddYears(5);
        while (time < limit)
        {
            if (!_months[time.Month] || !DayMatches(time))
            {
                time = new DateTimeOffset(time.Year, time.Month, time.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1);
            }
            else if (!_hours[time.Hour])
            {
                time = new DateTimeOffset(time.Year, time.Month, time.Day, time.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
            }
            else if (!_minutes[time.Minute])
            {
                time = time.AddMinutes(1);
            }
            else
            {
                return time;
            }
        }

        // Only an impossible date (such as 30 February) gets here.
        return DateTimeOffset.MaxValue;
    }

    /// <summary>Like cron: when both day fields are restricted, either one matching is enough.</summary>
    private bool DayMatches(DateTimeOffset time)
    {
        var day = _days[time.Day];
        var weekday = _weekdays[(int)time.DayOfWeek];
        return _anyDay && _anyWeekday ? true : _anyDay ? weekday : _anyWeekday ? day : day || weekday;
    }

    private static bool[]? Field(string field, int min, int max, string[]? names, string what, ref string? problem)
    {
        if (problem is not null)
        {
            return null;
        }

        var set = new bool[max + 1];
        foreach (var part in field.Split(','))
        {
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            var range = slash < 0 ? part : part[..slash];
            var step = 1;
            if (slash >= 0 && (!int.TryParse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
            {
                problem = $"the {what} step in '{part}' must be a positive number";
                return null;
            }

            int low, high;
            if (range is "*" or "?")
            {
                (low, high) = (min, max);
            }
            else
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                if (!Value(dash < 0 ? range : range[..dash], names, min, out low) || !Value(dash < 0 ? range : range[(dash + 1)..], names, min, out high))
                {
                    problem = $"'{part}' is not a valid {what}";
                    return null;
                }

                if (dash < 0 && slash >= 0)
                {
                    high = max;
                }
            }

            if (low < min || high > max || low > high)
            {
                problem = $"the {what} '{part}' is outside {min}-{max}";
                return null;
            }

            for (var i = low; i <= high; i += step)
            {
                set[i] = true;
            }
        }

        return set;
    }

    private static bool Value(string text, string[]? names, int min, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var index = names is null ? -1 : Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        value = index + min;
        return index >= 0;
    }
}
