using System.Text.Json.Serialization;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary><c>POST /api/scheduled-jobs/{ns}</c>: <c>{"jobSpec", "schedule", "suspend"?, "concurrency"?}</c>.</summary>
internal sealed class ScheduledJobRequest
{
    [JsonPropertyName("jobSpec")] public JobsWire.JobSpec? JobSpec { get; set; }

    [JsonPropertyName("schedule")] public string? Schedule { get; set; }

    [JsonPropertyName("suspend")] public bool? Suspend { get; set; }

    [JsonPropertyName("concurrency")] public bool? Concurrency { get; set; }
}
