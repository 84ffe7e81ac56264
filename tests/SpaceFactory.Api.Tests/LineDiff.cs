using System.Text;

namespace SpaceFactory.Api.Tests;

/// <summary>
/// A line diff of two listings: the lines only the approved listing has ("- ") and the lines only the current
/// surface has ("+ "), each with its line number, so a failing approval names the changed members and nothing else.
/// </summary>
internal static class LineDiff
{
    /// <summary>The removed and added lines, approved listing first; empty when both are equal.</summary>
    public static IReadOnlyList<string> Changes(IReadOnlyList<string> approved, IReadOnlyList<string> current)
    {
        // Common head and tail first: a typical change touches a few lines, so the quadratic part stays small.
        var head = 0;
        while (head < approved.Count && head < current.Count && approved[head] == current[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < approved.Count - head && tail < current.Count - head
            && approved[approved.Count - 1 - tail] == current[current.Count - 1 - tail])
        {
            tail++;
        }

        var oldLines = approved.Skip(head).Take(approved.Count - head - tail).ToArray();
        var newLines = current.Skip(head).Take(current.Count - head - tail).ToArray();
        return Walk(oldLines, newLines, head);
    }

    /// <summary>The changes as text, one per line, ready for a failure message.</summary>
    public static string Format(IReadOnlyList<string> changes)
    {
        var text = new StringBuilder();
        foreach (var change in changes)
        {
            text.AppendLine(change);
        }

        return text.ToString();
    }

    private static List<string> Walk(string[] oldLines, string[] newLines, int offset)
    {
        // Longest common subsequence table, filled from the end so the walk below can go forwards.
        var common = new int[oldLines.Length + 1, newLines.Length + 1];
        for (var i = oldLines.Length - 1; i >= 0; i--)
        {
            for (var j = newLines.Length - 1; j >= 0; j--)
            {
                common[i, j] = oldLines[i] == newLines[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var changes = new List<string>();
        int o = 0, n = 0;
        while (o < oldLines.Length || n < newLines.Length)
        {
            if (o < oldLines.Length && n < newLines.Length && oldLines[o] == newLines[n])
            {
                o++;
                n++;
            }
            else if (o < oldLines.Length && (n == newLines.Length || common[o + 1, n] >= common[o, n + 1]))
            {
                changes.Add($"- {offset + o + 1,5}: {oldLines[o]}");
                o++;
            }
            else
            {
                changes.Add($"+ {offset + n + 1,5}: {newLines[n]}");
                n++;
            }
        }

        return changes;
    }
}
