namespace SpaceFactory.Sandbox.Hub;

/// <summary>The Hub's repo name rules (huggingface_hub <c>validate_repo_id</c>), with a message naming what is wrong.</summary>
internal static class RepoNameRules
{
    /// <summary>Null when <paramref name="name"/> is a valid repo name (or namespace), else why not.</summary>
    public static string? Check(string? name, string what = "name")
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"Repository {what} is required";
        }

        if (name.Length > 96)
        {
            return $"Repository {what} '{name}' is longer than 96 characters";
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return $"Repository {what} '{name}' contains '{c}': only letters, digits, '-', '_' and '.' are allowed";
            }
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) && name[0] != '_' || !char.IsAsciiLetterOrDigit(name[^1]) && name[^1] != '_')
        {
            return $"Repository {what} '{name}' must start and end with a letter, a digit or '_'";
        }

        if (name.Contains("--", StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
        {
            return $"Repository {what} '{name}' must not contain '--' or '..'";
        }

        return name.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? $"Repository {what} '{name}' must not end with '.git'" : null;
    }

    /// <summary>Null when <paramref name="path"/> is a valid path in a repo, else why not.</summary>
    public static string? CheckPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "A file path is required";
        }

        var segments = path.Split('/');
        if (path.StartsWith('/') || segments.Any(s => s is "" or "." or ".." or ".git" or ".cache"))
        {
            return $"Invalid path in repo: '{path}'";
        }

        return null;
    }
}
