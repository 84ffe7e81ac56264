namespace SpaceFactory.Hf;

/// <summary>The kinds of repository on the Hub.</summary>
public enum RepoType
{
    /// <summary>A model repository (<c>/api/models/…</c>, files at <c>/{id}/resolve/…</c>).</summary>
    Model,

    /// <summary>A dataset repository (<c>/api/datasets/…</c>, files at <c>/datasets/{id}/resolve/…</c>).</summary>
    Dataset,

    /// <summary>A Space (<c>/api/spaces/…</c>, files at <c>/spaces/{id}/resolve/…</c>).</summary>
    Space,
}
