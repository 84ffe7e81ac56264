using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>The body of <c>POST /api/scheduled-jobs/{namespace}</c>: <c>{"jobSpec", "schedule", "suspend"?, "concurrency"?}</c>.</summary>
internal sealed class ScheduledJobRequest
{
    [JsonPropertyName("jobSpec")]
    public required JobSpecRequest JobSpec { get; init; }

    [JsonPropertyName("schedule")]
    public required string Schedule { get; init; }

    [JsonPropertyName("suspend")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Suspend { get; init; }

    [JsonPropertyName("concurrency")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Concurrency { get; init; }
}
