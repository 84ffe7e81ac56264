using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Tests.Gradio;

/// <summary>Reads the copied recordings of real Gradio servers and normalises what differs between runs.</summary>
internal static class GradioRecordings
{
    private static readonly string[] Timings = ["duration", "average_duration", "rank_eta", "eta", "cache_duration", "avg_time"];

    public static string Read(string version, string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "gradio-" + version, name));

    /// <summary>
    /// The queue messages of an SSE body, each as compact JSON with its event id and timings blanked, so a simulated
    /// stream can be compared with a recorded one key by key and value by value.
    /// </summary>
    public static List<string> Normalised(string sse) => [.. sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e =>
    {
        var message = JsonNode.Parse(e["data: ".Length..])!.AsObject();
        if (message["event_id"] is not null)
        {
            message["event_id"] = "EVENT";
        }

        Blank(message);
        if (message["output"] is JsonObject output)
        {
            Blank(output);
        }

        return message.ToJsonString();
    })];

    private static void Blank(JsonObject node)
    {
        foreach (var key in Timings)
        {
            if (node.ContainsKey(key))
            {
                node[key] = null;
            }
        }
    }
}
