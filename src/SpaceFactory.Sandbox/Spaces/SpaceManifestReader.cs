using SpaceFactory.Sandbox.Gradio;
using SpaceFactory.Sandbox.Hub;

namespace SpaceFactory.Sandbox.Spaces;

/// <summary>Reads the head commit's <c>spacefactory_manifest.json</c>, what the simulated runtime serves.</summary>
internal static class SpaceManifestReader
{
    /// <summary>The parsed manifest, or null and the reason the simulated runtime cannot start.</summary>
    public static GradioManifest? Read(Repo repo, out string? error)
    {
        if (!repo.Head.Tree.TryGetValue(GradioManifest.FileName, out var file))
        {
            error = "no spacefactory_manifest.json: the Sandbox's simulated runtime cannot run this app";
            return null;
        }

        using var stream = file.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var manifest = GradioManifest.TryParse(memory.ToArray(), out var parseError);
        error = manifest is null ? parseError : null;
        return manifest;
    }
}
