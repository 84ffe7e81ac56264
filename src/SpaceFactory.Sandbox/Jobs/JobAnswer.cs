using System.Text.Json.Serialization;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>
/// A Job as the Hub answers it (<c>GET /api/jobs/{ns}/{id}</c>, the listing, run, cancel), in its field order: secrets as
/// names only; <c>timeoutSeconds</c> and <c>volumes</c> only when the spec has them; unknown times and images as null.
/// </summary>
internal sealed record JobAnswer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("startedAt"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? StartedAt,
    [property: JsonPropertyName("finishedAt"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishedAt,
    [property: JsonPropertyName("dockerImage"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? DockerImage,
    [property: JsonPropertyName("spaceId"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? SpaceId,
    [property: JsonPropertyName("command")] IReadOnlyList<string> Command,
    [property: JsonPropertyName("arguments")] IReadOnlyList<string> Arguments,
    [property: JsonPropertyName("environment")] IReadOnlyDictionary<string, string> Environment,
    [property: JsonPropertyName("secrets")] IReadOnlyList<string> Secrets,
    [property: JsonPropertyName("flavor")] string Flavor,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("timeoutSeconds")] long? TimeoutSeconds,
    [property: JsonPropertyName("volumes")] IReadOnlyList<JobAnswer.VolumePart>? Volumes,
    [property: JsonPropertyName("status")] JobAnswer.JobStatusPart Status,
    [property: JsonPropertyName("durations")] JobAnswer.DurationsPart Durations,
    [property: JsonPropertyName("owner")] JobAnswer.JobOwnerPart Owner,
    [property: JsonPropertyName("initiator")] JobAnswer.InitiatorPart Initiator)
{
    internal sealed record VolumePart(
        [property: JsonPropertyName("type"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Type,
        [property: JsonPropertyName("source"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Source,
        [property: JsonPropertyName("mountPath"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? MountPath,
        [property: JsonPropertyName("revision")] string? Revision,
        [property: JsonPropertyName("readOnly")] bool ReadOnly,
        [property: JsonPropertyName("path")] string? Path);

    internal sealed record JobStatusPart(
        [property: JsonPropertyName("stage")] string Stage,
        [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Message);

    internal sealed record DurationsPart(
        [property: JsonPropertyName("schedulingSecs")] long SchedulingSecs,
        [property: JsonPropertyName("runningSecs"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? RunningSecs,
        [property: JsonPropertyName("totalSecs")] long TotalSecs);

    internal sealed record JobOwnerPart(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("type")] string Type);

    internal sealed record InitiatorPart(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("name")] string Name);
}
