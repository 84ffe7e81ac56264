using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>Request bodies of the Hub endpoints (names exactly as on the wire).</summary>
internal static class HubWire
{
    /// <summary><c>POST /api/repos/create</c> and <c>DELETE /api/repos/delete</c>.</summary>
    public sealed class RepoRequest
    {
        [JsonPropertyName("name")] public string? Name { get; set; }

        [JsonPropertyName("organization")] public string? Organization { get; set; }

        [JsonPropertyName("type")] public string? Type { get; set; }

        [JsonPropertyName("visibility")] public string? Visibility { get; set; }

        [JsonPropertyName("private")] public bool? Private { get; set; }

        [JsonPropertyName("sdk")] public string? Sdk { get; set; }

        [JsonPropertyName("hardware")] public string? Hardware { get; set; }

        [JsonPropertyName("sleepTimeSeconds")] public int? SleepTimeSeconds { get; set; }

        [JsonPropertyName("secrets")] public List<KeyValue>? Secrets { get; set; }

        [JsonPropertyName("variables")] public List<KeyValue>? Variables { get; set; }

        [JsonPropertyName("files")] public List<SeedFile>? Files { get; set; }
    }

    /// <summary>A secret or variable (<c>{key, value, description?}</c>).</summary>
    public sealed class KeyValue
    {
        [JsonPropertyName("key")] public string? Key { get; set; }

        [JsonPropertyName("value")] public string? Value { get; set; }

        [JsonPropertyName("description")] public string? Description { get; set; }
    }

    /// <summary>A file of <c>files</c> at repo creation.</summary>
    public sealed class SeedFile
    {
        [JsonPropertyName("path")] public string? Path { get; set; }

        [JsonPropertyName("content")] public string? Content { get; set; }

        [JsonPropertyName("encoding")] public string? Encoding { get; set; }
    }

    /// <summary><c>POST .../preupload/{rev}</c>.</summary>
    public sealed class PreuploadRequest
    {
        [JsonPropertyName("files")] public List<PreuploadFile>? Files { get; set; }
    }

    /// <summary>One file of a preupload request.</summary>
    public sealed class PreuploadFile
    {
        [JsonPropertyName("path")] public string? Path { get; set; }

        [JsonPropertyName("sample")] public string? Sample { get; set; }

        [JsonPropertyName("size")] public long Size { get; set; }
    }

    /// <summary>LFS batch request.</summary>
    public sealed class LfsBatchRequest
    {
        [JsonPropertyName("operation")] public string? Operation { get; set; }

        [JsonPropertyName("transfers")] public List<string>? Transfers { get; set; }

        [JsonPropertyName("objects")] public List<LfsObject>? Objects { get; set; }

        [JsonPropertyName("hash_algo")] public string? HashAlgo { get; set; }

        [JsonPropertyName("ref")] public JsonObject? Ref { get; set; }
    }

    /// <summary>An LFS object (<c>{oid, size}</c>).</summary>
    public sealed class LfsObject
    {
        [JsonPropertyName("oid")] public string? Oid { get; set; }

        [JsonPropertyName("size")] public long Size { get; set; }
    }

    /// <summary><c>PUT .../settings</c>.</summary>
    public sealed class SettingsRequest
    {
        [JsonPropertyName("visibility")] public string? Visibility { get; set; }

        [JsonPropertyName("private")] public bool? Private { get; set; }

        [JsonPropertyName("gated")] public JsonNode? Gated { get; set; }
    }

    /// <summary><c>POST .../hardware</c> and <c>.../sleeptime</c>.</summary>
    public sealed class HardwareRequest
    {
        [JsonPropertyName("flavor")] public string? Flavor { get; set; }

        [JsonPropertyName("sleepTimeSeconds")] public int? SleepTimeSeconds { get; set; }

        [JsonPropertyName("seconds")] public int? Seconds { get; set; }
    }
}
