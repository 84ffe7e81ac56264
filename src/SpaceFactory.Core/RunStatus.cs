using System.Text.Json.Serialization;

namespace SpaceFactory.Core;

/// <summary>Where a run stands. Only a step can make a run <see cref="Succeeded"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>The run has started and has not ended (or its process died; resume it).</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>A step declared success and no later step failed.</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>A step failed, or the run ended without any step declaring success.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The run was cancelled; its record is complete up to that point.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
