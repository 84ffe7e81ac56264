using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>A scheduled Job as the Hub answers it (<c>/api/scheduled-jobs/{namespace}[/{id}]</c>): a Job spec run on a schedule.</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record ScheduledJobInfo
{
    /// <summary>The scheduled Job's id.</summary>
    [JsonPropertyName("id")]
    [JsonRequired]
    public required string Id { get; init; }

    /// <summary>When it was created.</summary>
    [JsonPropertyName("createdAt")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The schedule: <c>@hourly</c>, <c>@daily</c>, <c>@weekly</c>, <c>@monthly</c>, <c>@yearly</c> or a five-field cron expression (UTC).</summary>
    [JsonPropertyName("schedule")]
    public string Schedule { get; init; } = string.Empty;

    /// <summary>Whether it is suspended (no new runs until resumed).</summary>
    [JsonPropertyName("suspend")]
    public bool Suspend { get; init; }

    /// <summary>Whether a run may start while the previous one still runs.</summary>
    [JsonPropertyName("concurrency")]
    public bool Concurrency { get; init; }

    /// <summary>What each run runs.</summary>
    [JsonPropertyName("jobSpec")]
    public ScheduledJobSpec? JobSpec { get; init; }

    /// <summary>The last run and the next planned one.</summary>
    [JsonPropertyName("status")]
    public ScheduledJobStatus? Status { get; init; }

    /// <summary>The user or organisation that owns it.</summary>
    [JsonPropertyName("owner")]
    public JobOwner? Owner { get; init; }
}
