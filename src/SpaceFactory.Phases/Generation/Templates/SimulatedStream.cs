using System.Text.Json;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// The <c>"stream"</c> entry of a manifest simulation: the Sandbox then runs the endpoint as a generator that yields
/// these chunks one by one, appended to its last text output (docs/sandbox.md, Streaming).
/// </summary>
internal static class SimulatedStream
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<string> chunks)
    {
        writer.WriteStartArray("stream");
        foreach (var chunk in chunks)
        {
            writer.WriteStringValue(chunk);
        }

        writer.WriteEndArray();
    }
}
