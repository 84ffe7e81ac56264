using System.Text;
using System.Text.RegularExpressions;

namespace SpaceFactory.Phases.Generation;

/// <summary>Writes a Space's <c>README.md</c>: YAML front matter the Hub reads (sdk, version, app file, model, licence).</summary>
internal static partial class SpaceCardWriter
{
    public static string Write(string title, string sdkVersion, string? license, string? model, string shortDescription, string body)
    {
        var builder = new StringBuilder()
            .Append("---\n")
            .Append("title: ").Append(PythonLiteral.String(title)).Append('\n')
            .Append("emoji: \U0001F3ED\n")
            .Append("colorFrom: indigo\n")
            .Append("colorTo: blue\n")
            .Append("sdk: gradio\n")
            .Append("sdk_version: ").Append(PythonLiteral.String(sdkVersion)).Append('\n')
            .Append("app_file: app.py\n")
            .Append("pinned: false\n")
            .Append("short_description: ").Append(PythonLiteral.String(Truncate(shortDescription, 60))).Append('\n');
        if (license is not null && LicenseId().IsMatch(license))
        {
            builder.Append("license: ").Append(license).Append('\n');
        }

        if (model is not null)
        {
            builder.Append("models:\n  - ").Append(PythonLiteral.String(model)).Append('\n');
        }

        return builder.Append("---\n\n").Append(body).ToString();
    }

    /// <summary>A title safe for Markdown and YAML: letters, digits and plain punctuation only, at most 60 characters.</summary>
    public static string SafeTitle(string title)
    {
        var clean = UnsafeTitleCharacters().Replace(title, " ").Trim();
        clean = Whitespace().Replace(clean, " ");
        return Truncate(clean.Length == 0 ? "SpaceFactory demo" : clean, 60);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd();

    [GeneratedRegex("^[a-z0-9][a-z0-9.\\-]{0,63}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LicenseId();

    [GeneratedRegex("[^\\p{L}\\p{Nd} _.,:()/+-]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UnsafeTitleCharacters();

    [GeneratedRegex("\\s+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Whitespace();
}
