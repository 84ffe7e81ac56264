namespace SpaceFactory.Hf.Jobs;

/// <summary>Which Jobs <see cref="JobsClient.ListJobsAsync"/> returns; empty filters mean all Jobs.</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record JobListFilter
{
    /// <summary>Only Jobs in one of these stages (<c>stage=…</c>, one parameter per stage).</summary>
    public IReadOnlyList<JobStage> Stages { get; init; } = [];

    /// <summary>Only Jobs carrying all of these labels (<c>label=key=value</c>, one parameter per label).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Running and scheduling Jobs (what <c>hf jobs ps</c> shows by default).</summary>
    public static JobListFilter Active { get; } = new() { Stages = [JobStage.Running, JobStage.Scheduling] };
}
