using System.Globalization;
using System.Text;

namespace SpaceFactory.Phases.Generation;

/// <summary>
/// Writes untrusted text (model-card examples, titles) as Python string literals: only printable ASCII stays as is,
/// everything else (quotes, backslashes, control and non-ASCII characters) becomes an escape, so nothing in the text
/// can end the literal or inject code, and the value round-trips exactly.
/// </summary>
internal static class PythonLiteral
{
    /// <summary>The double-quoted Python literal for <paramref name="value"/>.</summary>
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            var code = rune.Value;
            switch (code)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case >= 0x20 and < 0x7F:
                    builder.Append((char)code);
                    break;
                case < 0x100:
                    builder.Append("\\x").Append(code.ToString("x2", CultureInfo.InvariantCulture));
                    break;
                case < 0x10000:
                    builder.Append("\\u").Append(code.ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append("\\U").Append(code.ToString("x8", CultureInfo.InvariantCulture));
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A Python list literal of strings.</summary>
    public static string StringList(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(String)) + "]";
}
