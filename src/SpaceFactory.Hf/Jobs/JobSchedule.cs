namespace SpaceFactory.Hf.Jobs;

/// <summary>Checks a scheduled Job's schedule before it is sent: a preset (<c>@daily</c>…) or a five-field cron expression.</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public static class JobSchedule
{
    /// <summary>The presets the Hub accepts.</summary>
    public static IReadOnlyList<string> Presets { get; } = ["@annually", "@yearly", "@monthly", "@weekly", "@daily", "@hourly"];

    /// <summary>Why <paramref name="schedule"/> is not a schedule, or <see langword="null"/> when it is one.</summary>
    /// <param name="schedule">The schedule, e.g. <c>@daily</c> or <c>0 6 * * 1-5</c>.</param>
    /// <returns>The problem in words, or null.</returns>
    public static string? Problem(string? schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return "the schedule is empty; use a preset such as @daily or a cron expression such as '0 6 * * *'";
        }

        var text = schedule.Trim();
        if (text.StartsWith('@'))
        {
            return Presets.Contains(text, StringComparer.OrdinalIgnoreCase)
                ? null
                : $"'{text}' is not a schedule preset; use one of {string.Join(", ", Presets)}";
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            return $"'{text}' has {fields.Length} field(s); a cron expression has five (minute hour day month weekday), e.g. '0 6 * * *'";
        }

        return fields.All(f => f.All(c => char.IsAsciiLetterOrDigit(c) || c is '*' or '/' or ',' or '-'))
            ? null
            : $"'{text}' is not a cron expression: fields hold digits, names, '*', '/', ',' and '-' only";
    }
}
