namespace SpaceFactory.Phases.Generation;

/// <summary>A file of a generated Space.</summary>
/// <param name="Path">Its path in the Space repository, e.g. <c>app.py</c>.</param>
/// <param name="Content">Its UTF-8 text.</param>
public sealed record GeneratedFile(string Path, string Content);
