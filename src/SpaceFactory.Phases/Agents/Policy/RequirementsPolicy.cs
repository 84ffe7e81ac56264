using System.Text.RegularExpressions;

namespace SpaceFactory.Phases.Agents.Policy;

/// <summary>
/// <c>requirements.txt</c> may hold only plain pinned names from the package index (<c>name==version</c>, optionally
/// with extras), comments and blank lines: no options (<c>--extra-index-url</c>, <c>-e</c>, <c>-r</c>), URLs, VCS
/// references or local paths, each of which lets the Space install code the wrapper never saw.
/// </summary>
public static partial class RequirementsPolicy
{
    /// <summary>The checked file.</summary>
    public const string FileName = "requirements.txt";

    /// <summary>Every line that breaks the rule.</summary>
    /// <param name="content">The file's text.</param>
    /// <returns>The violations, in line order (empty when the file keeps the rule).</returns>
    public static IReadOnlyList<PolicyViolation> Check(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var found = new List<PolicyViolation>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripComment(lines[i]).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (Why(line) is { } problem)
            {
                found.Add(new PolicyViolation(problem.Rule, FileName, i + 1, $"'{Shorten(line)}' {problem.Detail}; only pinned names from the index (name==version) are allowed"));
            }
        }

        return found;
    }

    private static (string Rule, string Detail)? Why(string line)
    {
        if (line.StartsWith('-'))
        {
            return ("requirements_option", "is a pip option");
        }

        if (line.Contains("://", StringComparison.Ordinal) || line.Contains('@', StringComparison.Ordinal))
        {
            return line.StartsWith("git+", StringComparison.OrdinalIgnoreCase) || line.Contains("git+", StringComparison.OrdinalIgnoreCase)
                ? ("requirements_vcs", "installs from version control")
                : ("requirements_url", "installs from a URL");
        }

        if (line.StartsWith('.') || line.StartsWith('/') || line.StartsWith('~') || line.Contains('\\', StringComparison.Ordinal) || line.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return ("requirements_local_path", "installs from a local path");
        }

        if (line.Contains(';', StringComparison.Ordinal))
        {
            return ("requirements_marker", "carries an environment marker");
        }

        return Pinned().IsMatch(line) ? null : ("requirements_unpinned", "is not pinned to one version");
    }

    // A '#' starts a comment only at the line start or after white space (as pip reads it).
    private static string StripComment(string line)
    {
        var at = line.StartsWith('#') ? 0 : line.IndexOf(" #", StringComparison.Ordinal);
        return (at < 0 ? line : line[..at]).TrimEnd('\r');
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..80] + "…";

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:\[[A-Za-z0-9._-]+(?:\s*,\s*[A-Za-z0-9._-]+)*\])?\s*==\s*[A-Za-z0-9][A-Za-z0-9.+!_-]*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pinned();
}
