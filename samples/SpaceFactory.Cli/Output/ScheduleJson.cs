using System.Text.Json.Serialization;

namespace SpaceFactory.Cli.Output;

/// <summary><c>validate --schedule --json</c>: the scheduled Job that checks a Space.</summary>
internal sealed record ScheduleJson(
    [property: JsonPropertyName("scheduled_job_id")] string ScheduledJobId,
    [property: JsonPropertyName("schedule")] string Schedule,
    [property: JsonPropertyName("space")] string Space,
    [property: JsonPropertyName("next_run_at")] DateTimeOffset? NextRunAt,
    [property: JsonPropertyName("bucket")] string Bucket,
    [property: JsonPropertyName("history_command")] string HistoryCommand);
