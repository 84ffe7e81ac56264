using System.Text.Json.Serialization;

namespace SpaceFactory.Core;

/// <summary>Where one step of a run stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepStatus>))]
public enum StepStatus
{
    /// <summary>Not started yet.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Started and not ended; after a crash, this is how an interrupted step looks.</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Finished normally.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>Finished with an error or a failing outcome.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Not run (a reason is recorded), e.g. because an earlier step ended the run.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,

    /// <summary>Stopped by cancellation.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>Interrupted by a crash and not safe to run again.</summary>
    [JsonStringEnumMemberName("interrupted")]
    Interrupted,
}
