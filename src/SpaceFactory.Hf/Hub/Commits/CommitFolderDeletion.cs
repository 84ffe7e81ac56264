namespace SpaceFactory.Hf.Hub;

/// <summary>Deletes a folder (see <see cref="CommitOperation.DeleteFolder"/>).</summary>
public sealed class CommitFolderDeletion : CommitOperation
{
    internal CommitFolderDeletion(string pathInRepo)
        : base(pathInRepo)
    {
    }

    /// <inheritdoc />
    public override string ToString() => $"delete folder {PathInRepo}";
}
