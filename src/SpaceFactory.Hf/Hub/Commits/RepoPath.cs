namespace SpaceFactory.Hf.Hub;

/// <summary>Validates and normalises paths inside a repository the way the official client does.</summary>
internal static class RepoPath
{
    /// <summary>
    /// Strips a leading <c>/</c> and <c>./</c>; rejects empty paths, <c>.</c>, <c>..</c> segments, backslashes,
    /// control characters and <c>.git</c>/<c>.cache</c> segments, naming the problem.
    /// </summary>
    public static string Normalize(string? path, string paramName, bool folder = false)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A path in the repository must not be empty.", paramName);
        }

        var value = path;
        if (value.StartsWith('/'))
        {
            value = value[1..];
        }

        if (value.StartsWith("./", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        if (folder && !value.EndsWith('/'))
        {
            value += "/";
        }

        var trimmed = folder ? value.TrimEnd('/') : value;
        if (trimmed.Length == 0 || trimmed is "." or "..")
        {
            throw new ArgumentException($"Path '{path}' does not name a {(folder ? "folder" : "file")} inside the repository.", paramName);
        }

        foreach (var c in trimmed)
        {
            if (char.IsControl(c) || c == '\\')
            {
                throw new ArgumentException($"Path '{Printable(path)}' contains a control character or a backslash; use '/' between folders.", paramName);
            }
        }

        foreach (var segment in trimmed.Split('/'))
        {
            switch (segment)
            {
                case "":
                    throw new ArgumentException($"Path '{path}' has an empty segment ('//' or a trailing '/').", paramName);
                case "." or "..":
                    throw new ArgumentException($"Path '{path}' has a '{segment}' segment; paths must stay inside the repository.", paramName);
                case ".git" or ".cache":
                    throw new ArgumentException($"Path '{path}' has a '{segment}' segment, which the Hub forbids.", paramName);
            }
        }

        return value;
    }

    private static string Printable(string value) => new([.. value.Take(200).Select(c => char.IsControl(c) ? '?' : c)]);
}
