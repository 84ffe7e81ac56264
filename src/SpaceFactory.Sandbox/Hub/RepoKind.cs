namespace SpaceFactory.Sandbox.Hub;

/// <summary>The repo types the Sandbox stores.</summary>
internal enum RepoKind
{
    Model,
    Dataset,
    Space,
}
