using System.Text;
using System.Text.RegularExpressions;

namespace SpaceFactory.Phases.Generation;

/// <summary>
/// A generated app's Python source kept as a real <c>.py</c> file (an embedded resource under
/// <c>Generation/Templates/</c>). Its only variable parts are clearly marked:
/// <list type="bullet">
/// <item><c>{{NAME}}</c> placeholders, each replaced by one Python literal written by <see cref="PythonLiteral"/>
/// (so card text can never become code); the file stays valid Python because <c>{{NAME}}</c> parses as a set.</item>
/// <item>Lines ending in <c># sf:zerogpu</c> or <c># sf:cpu</c>, kept (without the marker) only for that hardware.</item>
/// </list>
/// Rendering fails when a placeholder has no value or a value has no placeholder, so template and code cannot drift.
/// </summary>
internal static partial class PythonTemplate
{
    private const string ResourcePrefix = "SpaceFactory.Phases.Generation.Templates.";
    private const string ZeroGpuMarker = "  # sf:zerogpu";
    private const string CpuMarker = "  # sf:cpu";

    /// <summary>The text of the embedded template <paramref name="fileName"/>, e.g. <c>text_generation.py</c>.</summary>
    public static string Load(string fileName)
    {
        using var stream = typeof(PythonTemplate).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"The app template '{fileName}' is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    /// <summary>Renders <paramref name="template"/> with <paramref name="values"/> for the given hardware.</summary>
    /// <param name="template">The template text.</param>
    /// <param name="values">The literal for each placeholder.</param>
    /// <param name="zeroGpu">Keep the <c># sf:zerogpu</c> lines (else the <c># sf:cpu</c> lines).</param>
    /// <returns>The Python source.</returns>
    /// <exception cref="InvalidOperationException">A placeholder and the values do not match.</exception>
    public static string Render(string template, PythonTemplateValues values, bool zeroGpu)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var lines = new StringBuilder(template.Length);
        foreach (var line in template.Split('\n'))
        {
            if (line.EndsWith(ZeroGpuMarker, StringComparison.Ordinal))
            {
                if (zeroGpu)
                {
                    lines.Append(line.AsSpan(0, line.Length - ZeroGpuMarker.Length)).Append('\n');
                }
            }
            else if (line.EndsWith(CpuMarker, StringComparison.Ordinal))
            {
                if (!zeroGpu)
                {
                    lines.Append(line.AsSpan(0, line.Length - CpuMarker.Length)).Append('\n');
                }
            }
            else
            {
                lines.Append(line).Append('\n');
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var rendered = Placeholder().Replace(lines.ToString(0, lines.Length - 1), match =>
        {
            var name = match.Groups["name"].Value;
            if (!values.Literals.TryGetValue(name, out var literal))
            {
                throw new InvalidOperationException($"The app template has a placeholder {{{{{name}}}}} that no value fills.");
            }

            used.Add(name);
            return literal;
        });
        var unused = values.Literals.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        return unused.Count == 0
            ? rendered
            : throw new InvalidOperationException($"The app template has no placeholder for {string.Join(", ", unused)}.");
    }

    [GeneratedRegex(@"\{\{(?<name>[A-Z][A-Z0-9_]*)\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();
}
