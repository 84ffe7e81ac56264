using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpaceFactory.Hf.Gradio.Internal;

/// <summary>
/// Applies the queue protocol's generator diffs (sse_v2 and later): each update of an output is a list of
/// <c>[op, path, value]</c> with ops <c>replace</c>, <c>append</c>, <c>add</c> and <c>delete</c>.
/// </summary>
internal static class GradioDiff
{
    public static JsonNode? Apply(JsonNode? current, JsonElement diffs)
    {
        if (diffs.ValueKind != JsonValueKind.Array)
        {
            throw new GradioStreamException($"A generator update is not a list of diffs: {Short(diffs)}");
        }

        foreach (var diff in diffs.EnumerateArray())
        {
            if (diff.ValueKind != JsonValueKind.Array || diff.GetArrayLength() < 2 || diff[0].ValueKind != JsonValueKind.String || diff[1].ValueKind != JsonValueKind.Array)
            {
                throw new GradioStreamException($"A generator diff is malformed: {Short(diff)}");
            }

            var op = diff[0].GetString();
            var path = diff[1].EnumerateArray().ToList();
            var value = diff.GetArrayLength() > 2 ? JsonNode.Parse(diff[2].GetRawText()) : null;
            current = ApplyOne(current, op!, path, value);
        }

        return current;
    }

    private static JsonNode? ApplyOne(JsonNode? root, string op, List<JsonElement> path, JsonNode? value)
    {
        if (path.Count == 0)
        {
            return op switch
            {
                "replace" => value,
                "append" => Append(root, value),
                _ => throw new GradioStreamException($"The diff op '{op}' cannot apply to the whole value."),
            };
        }

        var parent = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            parent = Child(parent, path[i]) ?? throw new GradioStreamException("A generator diff points at a missing element.");
        }

        var last = path[^1];
        switch (parent)
        {
            case JsonArray array:
                var index = last.GetInt32();
                switch (op)
                {
                    case "replace": array[index] = value; break;
                    case "append": array[index] = Append(array[index], value); break;
                    case "add": array.Insert(index, value); break;
                    case "delete": array.RemoveAt(index); break;
                    default: throw new GradioStreamException($"Unknown diff op '{op}'.");
                }

                break;
            case JsonObject obj:
                var key = last.ValueKind == JsonValueKind.String ? last.GetString()! : last.GetRawText();
                switch (op)
                {
                    case "replace" or "add": obj[key] = value; break;
                    case "append": obj[key] = Append(obj[key], value); break;
                    case "delete": obj.Remove(key); break;
                    default: throw new GradioStreamException($"Unknown diff op '{op}'.");
                }

                break;
            default:
                throw new GradioStreamException("A generator diff points into a value that is neither a list nor an object.");
        }

        return root;
    }

    private static JsonNode? Append(JsonNode? target, JsonNode? value)
    {
        if (target is JsonValue text && text.TryGetValue<string>(out var s) && value is JsonValue more && more.TryGetValue<string>(out var tail))
        {
            return JsonValue.Create(s + tail);
        }

        if (target is JsonArray array)
        {
            array.Add(value);
            return array;
        }

        throw new GradioStreamException("The diff op 'append' applies to text or lists only.");
    }

    private static JsonNode? Child(JsonNode? node, JsonElement key) => node switch
    {
        JsonArray array when key.ValueKind == JsonValueKind.Number => array[key.GetInt32()],
        JsonObject obj => obj[key.ValueKind == JsonValueKind.String ? key.GetString()! : key.GetRawText()],
        _ => null,
    };

    private static string Short(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 120 ? text : text[..120] + "…";
    }
}
