using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpaceFactory.Phases.Generation;

/// <summary>
/// Keeps Sandbox-only data out of real Spaces. The generated manifest carries a <c>simulation</c> section that only
/// the Sandbox's simulated runtime reads; the files for any other Hub leave it out (the API schema stays).
/// </summary>
public static class SandboxOnlyData
{
    /// <summary>The manifest section only the Sandbox reads.</summary>
    public const string SimulationSection = "simulation";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    /// <summary>The files to upload: as generated for the Sandbox, else with the manifest's simulation removed.</summary>
    /// <param name="files">The generated files.</param>
    /// <param name="toSandbox">Whether the Hub receiving them is the SpaceFactory Sandbox.</param>
    /// <returns>The files to commit.</returns>
    public static IReadOnlyList<GeneratedFile> ForHub(IReadOnlyList<GeneratedFile> files, bool toSandbox)
    {
        ArgumentNullException.ThrowIfNull(files);
        return toSandbox ? files : [.. files.Select(f => string.Equals(f.Path, GeneratedSpaceApp.ManifestFileName, StringComparison.Ordinal) ? f with { Content = WithoutSimulation(f.Content) } : f)];
    }

    /// <summary>The manifest without its <c>simulation</c> section; text that is not a JSON object is returned unchanged.</summary>
    /// <param name="manifest">The manifest's text.</param>
    /// <returns>The manifest for a real Hub.</returns>
    public static string WithoutSimulation(string manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(manifest);
        }
        catch (JsonException)
        {
            return manifest;
        }

        if (root is not JsonObject json || !json.Remove(SimulationSection))
        {
            return manifest;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
