using System.Text.Json.Serialization;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>
/// A scheduled Job as the Hub answers it; huggingface_hub's <c>ScheduledJobInfo</c> reads <c>id</c>, <c>createdAt</c>,
/// <c>jobSpec</c>, <c>schedule</c>, <c>suspend</c>, <c>concurrency</c>, <c>status.lastJob{id, at}</c>,
/// <c>status.nextJobRunAt</c> and <c>owner{id, name, type}</c>; huggingface.js adds <c>updatedAt</c>.
/// </summary>
internal sealed record ScheduledJobAnswer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("updatedAt")] string UpdatedAt,
    [property: JsonPropertyName("jobSpec")] JobsWire.JobSpec JobSpec,
    [property: JsonPropertyName("schedule")] string Schedule,
    [property: JsonPropertyName("suspend")] bool Suspend,
    [property: JsonPropertyName("concurrency")] bool Concurrency,
    [property: JsonPropertyName("status")] ScheduledJobAnswer.StatusPart Status,
    [property: JsonPropertyName("owner")] ScheduledJobAnswer.OwnerPart Owner)
{
    public static ScheduledJobAnswer From(ScheduledJob job)
    {
        lock (job.Gate)
        {
            var last = job.LastJob is { } run ? new LastJobPart(run.Id, LogStreamWriter.FormatTimestamp(run.CreatedAt)) : null;
            var next = job.Suspend || job.NextRunAt == DateTimeOffset.MaxValue ? null : LogStreamWriter.FormatTimestamp(job.NextRunAt);
            return new ScheduledJobAnswer(
                job.Id,
                LogStreamWriter.FormatTimestamp(job.CreatedAt),
                LogStreamWriter.FormatTimestamp(job.UpdatedAt),
                job.Spec,
                job.Schedule,
                job.Suspend,
                job.Concurrency,
                new StatusPart(last, next),
                new OwnerPart(job.OwnerId, job.Owner, "user"));
        }
    }

    /// <summary><c>status</c>: the last run and the next planned one (none while suspended).</summary>
    public sealed record StatusPart(
        [property: JsonPropertyName("lastJob")] LastJobPart? LastJob,
        [property: JsonPropertyName("nextJobRunAt")] string? NextJobRunAt);

    /// <summary><c>status.lastJob</c>.</summary>
    public sealed record LastJobPart(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("at")] string At);

    /// <summary><c>owner</c>.</summary>
    public sealed record OwnerPart(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("type")] string Type);
}
