namespace SpaceFactory.Hf;

/// <summary>The wire spellings of <see cref="RepoType"/>.</summary>
internal static class RepoTypeExtensions
{
    /// <summary>The singular name the Hub uses in bodies: <c>model</c>, <c>dataset</c>, <c>space</c>.</summary>
    /// <param name="type">The repository type.</param>
    /// <returns>The wire name.</returns>
    public static string ToWireName(this RepoType type) => type switch
    {
        RepoType.Model => "model",
        RepoType.Dataset => "dataset",
        RepoType.Space => "space",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown repository type."),
    };

    /// <summary>The plural API path segment: <c>models</c>, <c>datasets</c>, <c>spaces</c>.</summary>
    /// <param name="type">The repository type.</param>
    /// <returns>The API path segment.</returns>
    public static string ToApiSegment(this RepoType type) => type.ToWireName() + "s";

    /// <summary>The prefix of web, git and resolve URLs: empty for models, <c>datasets/</c>, <c>spaces/</c>.</summary>
    /// <param name="type">The repository type.</param>
    /// <returns>The URL prefix, ending in <c>/</c> unless empty.</returns>
    public static string ToUrlPrefix(this RepoType type) => type == RepoType.Model ? string.Empty : type.ToApiSegment() + "/";
}
