using SpaceFactory.Hf;

namespace SpaceFactory.Phases.Steps;

/// <summary><c>target_space.json</c>: the Space a run produced.</summary>
public sealed record TargetSpaceRecord
{
    /// <summary>The Space id, <c>namespace/name</c>.</summary>
    public required RepoId RepoId { get; init; }

    /// <summary>Its page on the Hub.</summary>
    public required string Url { get; init; }

    /// <summary>Whether it is private (always true for Spaces this factory creates).</summary>
    public bool Private { get; init; } = true;

    /// <summary>The app's origin (e.g. <c>https://owner-name.hf.space</c>), once known.</summary>
    public string? Host { get; init; }

    /// <summary>The commit that uploaded the app.</summary>
    public string? Commit { get; init; }

    /// <summary>Hardware asked for, in order, with the Hub's answers.</summary>
    public IReadOnlyList<HardwareAttempt> HardwareRequested { get; init; } = [];

    /// <summary>The hardware the Space actually runs on, when known.</summary>
    public string? HardwareGranted { get; init; }

    /// <summary>Whether the run created the Space (false when it adopted one after a lost answer).</summary>
    public bool Reconciled { get; init; }

    /// <summary>When <c>ensure_target_absent</c> found the target absent (this run's clock).</summary>
    public DateTimeOffset? CheckedAbsentAt { get; init; }

    /// <summary>When this run first sent the request to create the Space (saved before sending, so a crash leaves it).</summary>
    public DateTimeOffset? CreateSentAt { get; init; }

    /// <summary>The Hub's id of the Space this run created (<c>_id</c>): the only Space the run adopts on a resume.</summary>
    public string? HubId { get; init; }

    /// <summary>The Space's head commit when this run first saw it after creating it (the creation commit).</summary>
    public string? CreationCommit { get; init; }
}
