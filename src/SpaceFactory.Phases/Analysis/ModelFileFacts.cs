namespace SpaceFactory.Phases.Analysis;

/// <summary>A file of a model repository as the analysis sees it.</summary>
/// <param name="Path">Its path in the repository, e.g. <c>model.safetensors</c>.</param>
/// <param name="Size">Its size in bytes, when the Hub reported it.</param>
public sealed record ModelFileFacts(string Path, long? Size);
