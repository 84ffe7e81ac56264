using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation;

/// <summary>A generated Gradio Space: its files and the probe that validates its live API.</summary>
/// <param name="Files">
/// <c>app.py</c>, <c>requirements.txt</c>, <c>README.md</c> and <c>spacefactory_manifest.json</c> (the API schema and
/// simulated behaviour the Sandbox serves; real Spaces ignore it).
/// </param>
/// <param name="Probe">What to call and what its output must look like.</param>
public sealed record GeneratedSpaceApp(IReadOnlyList<GeneratedFile> Files, ValidationProbe Probe)
{
    /// <summary>The name of the manifest file written beside the app.</summary>
    public const string ManifestFileName = "spacefactory_manifest.json";

    /// <summary>The content of the file at <paramref name="path"/>.</summary>
    /// <param name="path">A path such as <c>app.py</c>.</param>
    /// <returns>The file's text.</returns>
    /// <exception cref="KeyNotFoundException">No such file was generated.</exception>
    public string this[string path] =>
        Files.FirstOrDefault(f => string.Equals(f.Path, path, StringComparison.Ordinal))?.Content
        ?? throw new KeyNotFoundException($"No generated file named '{path}'.");
}
