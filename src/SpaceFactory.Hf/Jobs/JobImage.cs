namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// What a Job runs: a Docker image (<c>dockerImage</c>, e.g. <c>python:3.12</c>) or the image of a Space
/// (<c>spaceId</c>, e.g. <c>lhoestq/duckdb</c>).
/// </summary>
/// <remarks>
/// <see cref="Parse"/> reads the same strings as the <c>hf jobs run</c> command: an image that starts with
/// <c>https://huggingface.co/spaces/</c>, <c>https://hf.co/spaces/</c>, <c>huggingface.co/spaces/</c> or
/// <c>hf.co/spaces/</c> names a Space; anything else is a Docker image.
/// </remarks>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record JobImage
{
    /// <summary>The prefixes that mark a Space image, as the official Python client lists them (case-sensitive).</summary>
    private static readonly string[] SpacePrefixes =
    [
        "https://huggingface.co/spaces/",
        "https://hf.co/spaces/",
        "huggingface.co/spaces/",
        "hf.co/spaces/",
    ];

    private JobImage(string? dockerImage, RepoId? spaceId, string reference)
    {
        DockerImage = dockerImage;
        SpaceId = spaceId;
        Reference = reference;
    }

    /// <summary>The Docker image, when the Job runs one; otherwise <see langword="null"/>.</summary>
    public string? DockerImage { get; }

    /// <summary>The Space whose image the Job runs; otherwise <see langword="null"/>.</summary>
    public RepoId? SpaceId { get; }

    /// <summary>The image as the caller spelled it (used for the default Job name, like the official client).</summary>
    internal string Reference { get; }

    /// <summary>A Docker image from Docker Hub or another registry.</summary>
    /// <param name="image">The image reference, e.g. <c>python:3.12</c> or <c>ghcr.io/astral-sh/uv:python3.12-bookworm</c>.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentException">The reference is empty or contains blanks.</exception>
    public static JobImage FromDockerImage(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Length == 0 || string.IsNullOrWhiteSpace(image))
        {
            throw new ArgumentException(
                "A Job image must not be empty: give a Docker image such as 'python:3.12' or a Space such as 'hf.co/spaces/namespace/name'.",
                nameof(image));
        }

        if (image.AsSpan().IndexOfAny(" \t\r\n\0") is var bad and >= 0)
        {
            throw new ArgumentException(
                $"Docker image '{image.Trim()}' contains a blank or control character at position {bad}; image references have none.",
                nameof(image));
        }

        return new JobImage(image, spaceId: null, image);
    }

    /// <summary>The image of a Space.</summary>
    /// <param name="space">The Space id; it must name its namespace.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentException">The id has no namespace.</exception>
    public static JobImage FromSpace(RepoId space)
    {
        if (space.Namespace is null)
        {
            throw new ArgumentException(
                $"Space '{space}' has no namespace; a Job image Space must be written 'namespace/name'.", nameof(space));
        }

        return new JobImage(dockerImage: null, space, "hf.co/spaces/" + space);
    }

    /// <summary>Reads an image the way <c>hf jobs run</c> does: a Space URL prefix means a Space, anything else a Docker image.</summary>
    /// <param name="image">E.g. <c>python:3.12</c>, <c>hf.co/spaces/lhoestq/duckdb</c> or <c>https://huggingface.co/spaces/lhoestq/duckdb</c>.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentException">The image is empty, or names a Space whose id is invalid; the message says which.</exception>
    public static JobImage Parse(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        foreach (var prefix in SpacePrefixes)
        {
            if (image.StartsWith(prefix, StringComparison.Ordinal))
            {
                var id = image[prefix.Length..].TrimEnd('/');
                if (!RepoId.TryParse(id, out var space, out var error) || space.Namespace is null)
                {
                    throw new ArgumentException(
                        $"Job image '{image}' names a Space but '{id}' is not a Space id 'namespace/name'{(error is null ? "." : ": " + error)}",
                        nameof(image));
                }

                return new JobImage(dockerImage: null, space, image);
            }
        }

        return FromDockerImage(image);
    }

    /// <summary>The Docker image, or <c>hf.co/spaces/{id}</c> for a Space.</summary>
    /// <returns>A readable form of the image.</returns>
    public override string ToString() => DockerImage ?? "hf.co/spaces/" + SpaceId;
}
