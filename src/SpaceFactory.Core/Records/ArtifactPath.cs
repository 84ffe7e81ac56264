namespace SpaceFactory.Core.Records;

/// <summary>
/// Validates the relative path of a file inside a run folder (artifacts like <c>generated/app.py</c>): no absolute
/// paths, no <c>..</c> or <c>.</c> segments, no backslashes, drive letters, control characters or empty segments,
/// and none of the files the recorder owns.
/// </summary>
public static class ArtifactPath
{
    /// <summary>Longest accepted path.</summary>
    public const int MaxLength = 240;

    /// <summary>Files the recorder itself writes; steps cannot overwrite them.</summary>
    public static IReadOnlyList<string> ReservedNames { get; } = ["state.json", "events.jsonl", "report.md", "context.json"];

    /// <summary>Returns <paramref name="path"/> when it is a safe relative path, else throws naming the problem.</summary>
    /// <param name="path">The path, with <c>/</c> separators.</param>
    /// <param name="allowReserved">Whether the recorder's own files are allowed (only the recorder passes true).</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentException">The path could escape the run folder or is otherwise unsafe.</exception>
    public static string Validate(string path, bool allowReserved = false)
    {
        var problem = Check(path, allowReserved);
        return problem is null ? path : throw new ArgumentException($"Artifact path '{Printable(path)}' is not allowed: {problem}.", nameof(path));
    }

    private static string? Check(string? path, bool allowReserved)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "it is empty";
        }

        if (path.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (path.Any(char.IsControl))
        {
            return "it contains a control character";
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "it contains a backslash; use '/'";
        }

        if (path.StartsWith('/') || path.StartsWith('~') || (path.Length >= 2 && path[1] == ':'))
        {
            return "it is absolute; give a path relative to the run folder";
        }

        if (path.Contains(':', StringComparison.Ordinal))
        {
            return "it contains ':'";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "it has an empty segment ('//' or a trailing '/')";
            }

            if (segment is "." or "..")
            {
                return $"it has a '{segment}' segment, which could leave the run folder";
            }
        }

        if (!allowReserved && ReservedNames.Contains(path, StringComparer.OrdinalIgnoreCase))
        {
            return "it names a file the recorder owns";
        }

        return null;
    }

    private static string Printable(string? path) =>
        path is null ? "(null)" : new string([.. path.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
}
