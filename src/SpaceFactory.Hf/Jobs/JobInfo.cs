using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>A Job as the Hub describes it (answer of run, inspect and list).</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record JobInfo
{
    /// <summary>The Job id (24 hex digits).</summary>
    [JsonPropertyName("id")]
    [JsonRequired]
    public required string Id { get; init; }

    /// <summary>When the Job was created.</summary>
    [JsonPropertyName("createdAt")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the container started.</summary>
    [JsonPropertyName("startedAt")]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the Job finished.</summary>
    [JsonPropertyName("finishedAt")]
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The Docker image, when the Job runs one.</summary>
    [JsonPropertyName("dockerImage")]
    public string? DockerImage { get; init; }

    /// <summary>The Space whose image the Job runs, when it runs one.</summary>
    [JsonPropertyName("spaceId")]
    public string? SpaceId { get; init; }

    /// <summary>The command.</summary>
    [JsonPropertyName("command")]
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The extra arguments.</summary>
    [JsonPropertyName("arguments")]
    public IReadOnlyList<string>? Arguments { get; init; }

    /// <summary>The plain environment variables.</summary>
    [JsonPropertyName("environment")]
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The names of the secrets the Job received (the Hub never returns their values).</summary>
    [JsonPropertyName("secrets")]
    [JsonConverter(typeof(SecretNamesJsonConverter))]
    public IReadOnlyList<string>? SecretNames { get; init; }

    /// <summary>The hardware.</summary>
    [JsonPropertyName("flavor")]
    public JobFlavor Flavor { get; init; }

    /// <summary>The labels (the Job name is the label <c>name</c>).</summary>
    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The mounted buckets and repositories.</summary>
    [JsonPropertyName("volumes")]
    public IReadOnlyList<JobVolume>? Volumes { get; init; }

    /// <summary>Where the Job stands.</summary>
    [JsonPropertyName("status")]
    [JsonRequired]
    public required JobStatus Status { get; init; }

    /// <summary>Time spent per phase.</summary>
    [JsonPropertyName("durations")]
    public JobDurations? Durations { get; init; }

    /// <summary>The owner (the Job's namespace).</summary>
    [JsonPropertyName("owner")]
    [JsonRequired]
    public required JobOwner Owner { get; init; }

    /// <summary>Who started the Job.</summary>
    [JsonPropertyName("initiator")]
    public JobInitiator? Initiator { get; init; }

    /// <summary>The Job name (label <c>name</c>), if any.</summary>
    [JsonIgnore]
    public string? Name => Labels is not null && Labels.TryGetValue("name", out var name) ? name : null;

    /// <summary>The Job's page on the Hub, <c>{endpoint}/jobs/{owner}/{id}</c>; set by <see cref="JobsClient"/>.</summary>
    [JsonIgnore]
    public Uri? Url { get; init; }
}
