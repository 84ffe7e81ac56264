namespace SpaceFactory.Hf.Hub;

/// <summary>Optional settings of <see cref="HubClient.CreateCommitAsync"/>.</summary>
public sealed class CommitOptions
{
    /// <summary>The branch (or revision) to commit to. Default <c>main</c>.</summary>
    public string Revision { get; init; } = "main";

    /// <summary>Longer description of the commit. Default empty.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>
    /// The commit the change is based on (5–40 hex digits): the Hub refuses the commit when the branch head moved
    /// since, so concurrent writers cannot overwrite each other.
    /// </summary>
    public string? ParentCommit { get; init; }
}
