namespace SpaceFactory.Hf.Hub;

/// <summary>Deletes a file (see <see cref="CommitOperation.DeleteFile"/>).</summary>
public sealed class CommitFileDeletion : CommitOperation
{
    internal CommitFileDeletion(string pathInRepo)
        : base(pathInRepo)
    {
    }

    /// <inheritdoc />
    public override string ToString() => $"delete {PathInRepo}";
}
