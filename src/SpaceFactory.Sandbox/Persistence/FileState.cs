namespace SpaceFactory.Sandbox.Persistence;

/// <summary>A tree entry: its blob by SHA-256 (a file under <c>blobs/</c>), or the seed of a pattern file.</summary>
internal sealed record FileState(string Path, long Size, bool IsLfs, string? Blob, int? PatternSeed);
