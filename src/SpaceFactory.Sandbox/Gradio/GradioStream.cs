using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// Generators in a simulated app. A simulation entry with <c>"stream": ["chunk", ...]</c> makes its endpoint a
/// generator (<c>types.generator</c> true): the call yields once per chunk, the last text of the mode's outputs growing
/// by one chunk each time, and completes with the last yield. On the queue, every yield after the first is sent in
/// Gradio's diff encoding (<c>utils.diff</c>: per output a list of <c>[action, path, value]</c> edits).
/// </summary>
internal static class GradioStream
{
    /// <summary>The chunks an endpoint streams, or <see langword="null"/> when it is not a generator.</summary>
    public static IReadOnlyList<string>? Chunks(GradioEndpoint endpoint)
    {
        if (endpoint.Simulation?["stream"] is not JsonArray stream)
        {
            return null;
        }

        return [.. stream.Select(c => c is JsonValue value && value.TryGetValue<string>(out var text) ? text : c?.ToJsonString() ?? string.Empty)];
    }

    /// <summary>
    /// The outcome of a generator: <paramref name="outcome"/>'s outputs with the chunks appended one by one to their last
    /// text (<see cref="GradioOutcome.Steps"/>), the last step as the final outputs. Other outcomes are returned as given.
    /// </summary>
    public static GradioOutcome Apply(GradioEndpoint endpoint, GradioOutcome outcome)
    {
        if (Chunks(endpoint) is not { Count: > 0 } chunks || outcome.Outputs is not { } outputs)
        {
            return outcome;
        }

        var steps = new List<JsonArray>(chunks.Count);
        var grown = string.Empty;
        foreach (var chunk in chunks)
        {
            grown += chunk;
            var step = (JsonArray)outputs.DeepClone();
            if (!AppendToLastText(step, grown))
            {
                // No text output to grow: each yield carries the chunk as the first output.
                if (step.Count == 0)
                {
                    step.Append(JsonValue.Create(grown));
                }
                else
                {
                    step[0] = JsonValue.Create(grown);
                }
            }

            steps.Add(step);
        }

        return outcome with { Outputs = (JsonArray)steps[^1].DeepClone(), Steps = steps };
    }

    /// <summary>The <c>output.data</c> of yield <paramref name="index"/> on the queue: in full first, then one edit list per output.</summary>
    public static JsonArray QueueData(IReadOnlyList<JsonArray> steps, int index)
    {
        if (index == 0)
        {
            return (JsonArray)steps[0].DeepClone();
        }

        var data = new JsonArray();
        var previous = steps[index - 1];
        var current = steps[index];
        for (var i = 0; i < current.Count; i++)
        {
            data.Append(Diff(i < previous.Count ? previous[i] : null, current[i]));
        }

        return data;
    }

    /// <summary>Gradio's <c>utils.diff(old, new)</c>: the edits that turn <paramref name="old"/> into <paramref name="next"/>.</summary>
    public static JsonArray Diff(JsonNode? old, JsonNode? next)
    {
        var edits = new JsonArray();
        Compare(old, next, [], edits);
        return edits;
    }

    private static void Compare(JsonNode? old, JsonNode? next, List<JsonNode?> path, JsonArray edits)
    {
        if (JsonNode.DeepEquals(old, next))
        {
            return;
        }

        if (!string.Equals(Kind(old), Kind(next), StringComparison.Ordinal))
        {
            edits.Append(Edit("replace", path, next));
            return;
        }

        switch (old)
        {
            case JsonValue oldValue when oldValue.TryGetValue<string>(out var oldText) && next is JsonValue nextValue &&
                                         nextValue.TryGetValue<string>(out var nextText) && nextText.StartsWith(oldText, StringComparison.Ordinal):
                edits.Append(Edit("append", path, JsonValue.Create(nextText[oldText.Length..])));
                return;
            case JsonArray oldArray:
                var nextArray = (JsonArray)next!;
                var common = Math.Min(oldArray.Count, nextArray.Count);
                for (var i = 0; i < common; i++)
                {
                    Compare(oldArray[i], nextArray[i], [.. path, JsonValue.Create(i)], edits);
                }

                for (var i = common; i < oldArray.Count; i++)
                {
                    edits.Append(Edit("delete", [.. path, JsonValue.Create(i)], null));
                }

                for (var i = common; i < nextArray.Count; i++)
                {
                    edits.Append(Edit("add", [.. path, JsonValue.Create(i)], nextArray[i]));
                }

                return;
            case JsonObject oldObject:
                var nextObject = (JsonObject)next!;
                foreach (var (key, value) in oldObject)
                {
                    if (nextObject.TryGetPropertyValue(key, out var nextValueOfKey))
                    {
                        Compare(value, nextValueOfKey, [.. path, JsonValue.Create(key)], edits);
                    }
                    else
                    {
                        edits.Append(Edit("delete", [.. path, JsonValue.Create(key)], null));
                    }
                }

                foreach (var (key, value) in nextObject)
                {
                    if (!oldObject.ContainsKey(key))
                    {
                        edits.Append(Edit("add", [.. path, JsonValue.Create(key)], value));
                    }
                }

                return;
            default:
                edits.Append(Edit("replace", path, next));
                return;
        }
    }

    private static JsonArray Edit(string action, List<JsonNode?> path, JsonNode? value)
        => new(JsonValue.Create(action), new JsonArray([.. path.Select(p => p?.DeepClone())]), value?.DeepClone());

    /// <summary>Python's <c>type()</c> as far as JSON tells it (int and float are one kind here).</summary>
    private static string Kind(JsonNode? node) => node switch
    {
        null => "none",
        JsonArray => "list",
        JsonObject => "dict",
        JsonValue value => value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "str",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "bool",
            System.Text.Json.JsonValueKind.Number => "number",
            _ => "none",
        },
        _ => "other",
    };

    /// <summary>Appends <paramref name="grown"/> to the last string found depth first, right to left; false when there is none.</summary>
    private static bool AppendToLastText(JsonNode? node, string grown) => node switch
    {
        JsonArray array => Enumerable.Range(0, array.Count).Reverse().Any(i => TryAppend(array[i], grown, v => array[i] = v)),
        JsonObject obj => obj.Select(p => p.Key).Reverse().ToList().Any(k => TryAppend(obj[k], grown, v => obj[k] = v)),
        _ => false,
    };

    private static bool TryAppend(JsonNode? node, string grown, Action<JsonNode> replace)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            replace(JsonValue.Create(text + grown));
            return true;
        }

        return AppendToLastText(node, grown);
    }
}
