using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>Request bodies of the Jobs API (camelCase, as the clients send them).</summary>
internal static class JobsWire
{
    /// <summary>The JobSpec of <c>POST /api/jobs/{ns}</c>.</summary>
    public sealed class JobSpec
    {
        [JsonPropertyName("dockerImage")] public string? DockerImage { get; set; }

        [JsonPropertyName("spaceId")] public string? SpaceId { get; set; }

        [JsonPropertyName("command")] public List<string>? Command { get; set; }

        [JsonPropertyName("arguments")] public List<string>? Arguments { get; set; }

        [JsonPropertyName("environment")] public Dictionary<string, string>? Environment { get; set; }

        [JsonPropertyName("secrets")] public Dictionary<string, string>? Secrets { get; set; }

        [JsonPropertyName("flavor")] public string? Flavor { get; set; }

        [JsonPropertyName("timeoutSeconds")] public long? TimeoutSeconds { get; set; }

        [JsonPropertyName("labels")] public Dictionary<string, string>? Labels { get; set; }

        [JsonPropertyName("volumes")] public List<Volume>? Volumes { get; set; }

        [JsonPropertyName("arch")] public string? Arch { get; set; }

        [JsonPropertyName("expose")] public JsonObject? Expose { get; set; }
    }

    /// <summary>A mounted bucket or repo.</summary>
    public sealed class Volume
    {
        [JsonPropertyName("type")] public string? Type { get; set; }

        [JsonPropertyName("source")] public string? Source { get; set; }

        [JsonPropertyName("mountPath")] public string? MountPath { get; set; }

        [JsonPropertyName("revision")] public string? Revision { get; set; }

        [JsonPropertyName("readOnly")] public bool? ReadOnly { get; set; }

        [JsonPropertyName("path")] public string? Path { get; set; }
    }

    /// <summary><c>PUT .../labels</c>.</summary>
    public sealed class LabelsRequest
    {
        [JsonPropertyName("labels")] public Dictionary<string, string>? Labels { get; set; }
    }
}
