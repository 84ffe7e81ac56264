using System.Text;
using System.Text.Json;

namespace SpaceFactory.Sandbox.Llm;

/// <summary>
/// Files a scripted agent writes, kept as real files under <c>SeedData/agent/</c> (a readable Python app, its
/// requirements and manifest), and the <c>write</c> tool calls that carry them. <c>{{key}}</c> slots inside a file
/// are filled from the brief like any turn's arguments.
/// </summary>
public static class AgentFiles
{
    private const string Prefix = "SeedData/agent/";

    /// <summary>The text of an embedded agent file, e.g. <c>spacy_ner/app.py</c>.</summary>
    /// <param name="path">The path under <c>SeedData/agent/</c>.</param>
    /// <returns>The file's text.</returns>
    public static string Read(string path)
    {
        using var stream = typeof(AgentFiles).Assembly.GetManifestResourceStream(Prefix + path)
            ?? throw new InvalidOperationException($"The embedded agent file {path} is missing from SpaceFactory.Sandbox.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>A <c>write</c> tool call that creates <paramref name="path"/> with <paramref name="content"/>.</summary>
    /// <param name="path">The file in the agent's workspace.</param>
    /// <param name="content">Its text.</param>
    /// <returns>The turn.</returns>
    public static LlmTurn.ToolCall Write(string path, string content)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("path", path);
            writer.WriteString("content", content);
            writer.WriteEndObject();
        }

        return new LlmTurn.ToolCall("write", Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
