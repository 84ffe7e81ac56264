namespace SpaceFactory.Phases.Agents.Policy;

/// <summary>
/// Bounds how much an edit task may change: the agent is asked for a small, named edit, so a rewrite (a whole new
/// app, a vendored library) is refused whatever it contains.
/// </summary>
public static class EditSizePolicy
{
    /// <summary>The lines removed plus the lines added, counted as a multiset difference (moves count twice).</summary>
    /// <param name="before">The file before.</param>
    /// <param name="after">The file after.</param>
    /// <returns>The number of changed lines.</returns>
    public static int ChangedLines(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in before.Split('\n'))
        {
            counts[line] = counts.GetValueOrDefault(line) + 1;
        }

        var added = 0;
        foreach (var line in after.Split('\n'))
        {
            if (counts.GetValueOrDefault(line) > 0)
            {
                counts[line]--;
            }
            else
            {
                added++;
            }
        }

        return added + counts.Values.Sum();
    }

    /// <summary>The violation when the changed files together change more than <paramref name="maxChangedLines"/> lines.</summary>
    /// <param name="before">The files before, by path.</param>
    /// <param name="after">The files after, by path.</param>
    /// <param name="maxChangedLines">The bound.</param>
    /// <returns>The violation, or null.</returns>
    public static PolicyViolation? Check(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, int maxChangedLines)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changed = after
            .Select(file => (file.Key, Lines: ChangedLines(before.GetValueOrDefault(file.Key, string.Empty), file.Value)))
            .Where(f => f.Lines > 0)
            .ToArray();
        var total = changed.Sum(f => f.Lines);
        return total <= maxChangedLines
            ? null
            : new PolicyViolation("edit_size", string.Join(", ", changed.Select(f => f.Key)), 0,
                $"the edit changes {total} lines ({string.Join(", ", changed.Select(f => $"{f.Key}: {f.Lines}"))}), more than the {maxChangedLines} an edit task may change");
    }
}
