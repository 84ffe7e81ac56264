namespace SpaceFactory.Hf.Hub;

/// <summary>Settings of the copy made by <see cref="HubClient.DuplicateSpaceAsync"/>.</summary>
public sealed class DuplicateSpaceOptions
{
    /// <summary>
    /// Whether the copy is private. Default <see langword="true"/>, always sent: left out, the Hub keeps the source's
    /// visibility, so a public source would give a public copy of code the caller may be about to change.
    /// </summary>
    public bool Private { get; init; } = true;

    /// <summary>The copy's hardware flavor, e.g. <c>cpu-basic</c>, <c>zero-a10g</c> (an open set); the Hub's default when <see langword="null"/>.</summary>
    public string? Hardware { get; init; }

    /// <summary>Seconds of inactivity before the copy sleeps; <c>-1</c> never (paid hardware only).</summary>
    public int? SleepTimeSeconds { get; init; }

    /// <summary>Secrets of the copy. The source's secrets are never copied.</summary>
    public IReadOnlyList<SpaceSecret>? Secrets { get; init; }

    /// <summary>Public variables of the copy.</summary>
    public IReadOnlyList<SpaceVariable>? Variables { get; init; }

    /// <summary>When the target exists (409), return it (<see cref="CreatedRepo.AlreadyExisted"/>) instead of throwing <see cref="HfConflictException"/>.</summary>
    public bool ExistOk { get; init; }
}
