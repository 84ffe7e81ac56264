using System.Globalization;
using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Infrastructure;
using System.Text.RegularExpressions;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// Reads the YAML front matter of a README into <c>cardData</c>. Handles the flat subset repo cards use
/// (<c>key: value</c>, inline <c>[a, b]</c> lists, <c>- item</c> lists); nested maps are skipped.
/// </summary>
internal static partial class CardData
{
    public static JsonObject? Parse(string readme)
    {
        var match = FrontMatter().Match(readme);
        if (!match.Success)
        {
            return null;
        }

        var result = new JsonObject();
        string? listKey = null;
        foreach (var raw in match.Groups["yaml"].Value.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var trimmed = line.TrimStart();
            if (listKey is not null && trimmed.StartsWith("- ", StringComparison.Ordinal) && line.Length > trimmed.Length - 1)
            {
                (result[listKey] as JsonArray)?.Append(Scalar(trimmed[2..]));
                continue;
            }

            if (char.IsWhiteSpace(line[0]))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            listKey = null;
            if (value.Length == 0)
            {
                result[key] = new JsonArray();
                listKey = key;
            }
            else if (value.StartsWith('[') && value.EndsWith(']'))
            {
                var array = new JsonArray();
                foreach (var item in value[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    array.Append(Scalar(item));
                }

                result[key] = array;
            }
            else
            {
                result[key] = Scalar(value);
            }
        }

        return result;
    }

    private static JsonValue? Scalar(string value)
    {
        value = value.Trim();
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            return JsonValue.Create(value[1..^1]);
        }

        if (value is "true" or "false")
        {
            return JsonValue.Create(value is "true");
        }

        if (value is "null" or "~")
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && value.Contains('.', StringComparison.Ordinal)
            ? JsonValue.Create(number)
            : JsonValue.Create(value);
    }

    // The Hub's REGEX_YAML_BLOCK (huggingface_hub repocard.py).
    [GeneratedRegex(@"^\s*---(?:\r\n|\r|\n)(?<yaml>[\S\s]*?)(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\n|$)", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FrontMatter();
}
