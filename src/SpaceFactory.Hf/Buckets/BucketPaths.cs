namespace SpaceFactory.Hf.Buckets;

/// <summary>The rules for a path inside a bucket and how it is put in a URL.</summary>
internal static class BucketPaths
{
    /// <summary>Why <paramref name="path"/> is not a usable bucket path, or <see langword="null"/>.</summary>
    /// <param name="path">A path such as <c>runs/42/report.md</c>.</param>
    /// <param name="what">What the path is, for the message (e.g. "file path").</param>
    public static string? Validate(string? path, string what)
    {
        if (string.IsNullOrEmpty(path))
        {
            return $"the {what} must not be empty";
        }

        if (path[0] == '/' || path.Contains("//", StringComparison.Ordinal))
        {
            return $"the {what} '{Printable(path)}' must not start with '/' or contain empty segments ('//')";
        }

        if (path.AsSpan().ContainsAnyInRange('\0', '\u001f') || path.Contains('\\', StringComparison.Ordinal))
        {
            return $"the {what} '{Printable(path)}' contains a control character or '\\'";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is "." or "..")
            {
                return $"the {what} '{Printable(path)}' contains a '{segment}' segment";
            }
        }

        return null;
    }

    /// <summary>Escapes each segment of a validated path, keeping the <c>/</c> separators.</summary>
    public static string EscapeSegments(string path) =>
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string Printable(string value) =>
        new([.. value.Take(200).Select(c => char.IsControl(c) ? '?' : c)]);
}
