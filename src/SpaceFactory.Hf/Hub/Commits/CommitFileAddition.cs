namespace SpaceFactory.Hf.Hub;

/// <summary>Adds or replaces a file (see <see cref="CommitOperation.AddFile(string, ReadOnlyMemory{byte})"/> and its overloads).</summary>
public sealed class CommitFileAddition : CommitOperation
{
    internal CommitFileAddition(string pathInRepo, CommitFileSource source)
        : base(pathInRepo)
    {
        Source = source;
    }

    /// <summary>Where the content comes from.</summary>
    internal CommitFileSource Source { get; }

    /// <inheritdoc />
    public override string ToString() => $"add {PathInRepo}";
}
