namespace SpaceFactory.Hf.Hub;

/// <summary>Settings of a repository created by <see cref="HubClient.CreateRepoAsync"/>. The Space settings are sent only for Spaces.</summary>
public sealed class CreateRepoOptions
{
    /// <summary>
    /// Visibility sent as <c>visibility</c> (never together with the legacy <c>private</c>). Default
    /// <see cref="RepoVisibility.Private"/>; <see langword="null"/> leaves it to the Hub (public).
    /// </summary>
    public RepoVisibility? Visibility { get; init; } = RepoVisibility.Private;

    /// <summary>Spaces: the SDK, <c>gradio</c>, <c>docker</c> or <c>static</c>. Required for a Space.</summary>
    public string? Sdk { get; init; }

    /// <summary>Spaces: the SDK version, e.g. <c>5.9.1</c>.</summary>
    public string? SdkVersion { get; init; }

    /// <summary>Spaces: the hardware flavor, e.g. <c>cpu-basic</c>, <c>zero-a10g</c>, <c>t4-small</c> (an open set).</summary>
    public string? Hardware { get; init; }

    /// <summary>Spaces: seconds of inactivity before the Space sleeps; <c>-1</c> never (paid hardware only).</summary>
    public int? SleepTimeSeconds { get; init; }

    /// <summary>Spaces: secrets set atomically at creation.</summary>
    public IReadOnlyList<SpaceSecret>? Secrets { get; init; }

    /// <summary>Spaces: public variables set at creation.</summary>
    public IReadOnlyList<SpaceVariable>? Variables { get; init; }

    /// <summary>
    /// When the repository already exists (409), return it (<see cref="CreatedRepo.AlreadyExisted"/>) instead of
    /// throwing <see cref="HfConflictException"/>. Off by default: SpaceFactory never reuses a repository silently.
    /// </summary>
    public bool ExistOk { get; init; }
}
