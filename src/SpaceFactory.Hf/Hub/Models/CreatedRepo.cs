namespace SpaceFactory.Hf.Hub;

/// <summary>What <see cref="HubClient.CreateRepoAsync"/> answered.</summary>
public sealed class CreatedRepo
{
    /// <summary>Creates the result.</summary>
    /// <param name="url">The repository's web URL.</param>
    /// <param name="repoId">The fully qualified id.</param>
    /// <param name="id">The Hub's internal id (24 hex digits), when known.</param>
    /// <param name="alreadyExisted">Whether the repository existed before (only with <see cref="CreateRepoOptions.ExistOk"/>).</param>
    public CreatedRepo(Uri url, RepoId repoId, string? id, bool alreadyExisted)
    {
        ArgumentNullException.ThrowIfNull(url);
        Url = url;
        RepoId = repoId;
        Id = id;
        AlreadyExisted = alreadyExisted;
    }

    /// <summary>The repository's web URL, e.g. <c>https://huggingface.co/spaces/user/app</c>.</summary>
    public Uri Url { get; }

    /// <summary>The fully qualified id, <c>namespace/name</c>.</summary>
    public RepoId RepoId { get; }

    /// <summary>The Hub's internal id, when the Hub returned it (not for an existing repository).</summary>
    public string? Id { get; }

    /// <summary>Whether the repository existed already and was returned because of <see cref="CreateRepoOptions.ExistOk"/>.</summary>
    public bool AlreadyExisted { get; }

    /// <inheritdoc />
    public override string ToString() => Url.ToString();
}
