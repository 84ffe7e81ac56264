using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>Where a Job stands (<c>status</c>).</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record JobStatus
{
    /// <summary>The stage, e.g. <see cref="JobStage.Running"/>; unknown stages are kept as they are.</summary>
    [JsonPropertyName("stage")]
    [JsonRequired]
    public JobStage Stage { get; init; }

    /// <summary>The reason for an error or cancellation, when the Hub gives one.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Proxy URLs of exposed ports (<c>https://{id}--{port}.hf.jobs</c>).</summary>
    [JsonPropertyName("exposeUrls")]
    public IReadOnlyList<string>? ExposeUrls { get; init; }

    /// <summary>The SSH address, when SSH was enabled.</summary>
    [JsonPropertyName("sshUrl")]
    public string? SshUrl { get; init; }
}
