namespace SpaceFactory.Api.Tests;

/// <summary>The repository root: the nearest folder above the test binaries that holds <c>SpaceFactory.sln</c>.</summary>
internal static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The full path of the repository root.</summary>
    public static string Path => Root.Value;

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "SpaceFactory.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No SpaceFactory.sln in any folder above {AppContext.BaseDirectory}.");
    }
}
