using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>The Job spec of a scheduled Job as the Hub returns it (secret names only, never values).</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record ScheduledJobSpec
{
    /// <summary>The Docker image, when it runs one.</summary>
    [JsonPropertyName("dockerImage")]
    public string? DockerImage { get; init; }

    /// <summary>The Space whose image it runs, when it runs one.</summary>
    [JsonPropertyName("spaceId")]
    public string? SpaceId { get; init; }

    /// <summary>The command.</summary>
    [JsonPropertyName("command")]
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The command's arguments.</summary>
    [JsonPropertyName("arguments")]
    public IReadOnlyList<string>? Arguments { get; init; }

    /// <summary>The environment variables.</summary>
    [JsonPropertyName("environment")]
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The names of the secrets each run receives.</summary>
    [JsonPropertyName("secrets")]
    [JsonConverter(typeof(SecretNamesJsonConverter))]
    public IReadOnlyList<string>? SecretNames { get; init; }

    /// <summary>The hardware flavor.</summary>
    [JsonPropertyName("flavor")]
    public JobFlavor Flavor { get; init; }

    /// <summary>The labels each run carries.</summary>
    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The timeout of each run in seconds.</summary>
    [JsonPropertyName("timeoutSeconds")]
    public int? TimeoutSeconds { get; init; }
}
