namespace SpaceFactory.Hf.Hub;

/// <summary>Who can see a repository.</summary>
public enum RepoVisibility
{
    /// <summary>Only the owner (and the organisation's members) can see it. Sent as <c>private</c>.</summary>
    Private,

    /// <summary>Everyone can see it. Sent as <c>public</c>.</summary>
    Public,

    /// <summary>Spaces only (paid plans): the app is public, the code private. Sent as <c>protected</c>.</summary>
    Protected,
}
