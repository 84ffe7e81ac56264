using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>The body of <c>POST /api/jobs/{namespace}</c>, in the field order the official Python client sends.</summary>
/// <remarks>Built only by <see cref="JobSpecValidator"/>, after every rule has been checked.</remarks>
internal sealed class JobSpecRequest
{
    [JsonPropertyName("command")]
    public required IReadOnlyList<string> Command { get; init; }

    [JsonPropertyName("arguments")]
    public required IReadOnlyList<string> Arguments { get; init; }

    [JsonPropertyName("environment")]
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    [JsonPropertyName("flavor")]
    public required JobFlavor Flavor { get; init; }

    /// <summary>The only place a secret value is ever written, by <see cref="JobSecretsJsonConverter"/>.</summary>
    [JsonPropertyName("secrets")]
    [JsonConverter(typeof(JobSecretsJsonConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, JobSecret>? Secrets { get; init; }

    [JsonPropertyName("timeoutSeconds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TimeoutSeconds { get; init; }

    [JsonPropertyName("labels")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    [JsonPropertyName("volumes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<JobVolume>? Volumes { get; init; }

    [JsonPropertyName("dockerImage")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DockerImage { get; init; }

    [JsonPropertyName("spaceId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SpaceId { get; init; }
}
