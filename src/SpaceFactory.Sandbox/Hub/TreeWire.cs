using System.Text.Json.Serialization;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>Bodies of the tree, paths-info, commits, validate-yaml and duplicate endpoints (names exactly as on the wire).</summary>
internal static class TreeWire
{
    /// <summary>
    /// One entry of <c>tree</c> and <c>paths-info</c>: a file (<c>oid</c> is the git blob id, <c>lfs</c> for LFS files) or a
    /// directory (<c>oid</c> is its tree id, <c>size</c> 0). <c>lastCommit</c> and <c>securityFileStatus</c> only with <c>expand</c>.
    /// </summary>
    public sealed record TreeEntry(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("oid")] string Oid,
        [property: JsonPropertyName("size")] long Size,
        [property: JsonPropertyName("path")] string Path,
        [property: JsonPropertyName("lfs")] TreeLfs? Lfs,
        [property: JsonPropertyName("lastCommit")] TreeLastCommit? LastCommit,
        [property: JsonPropertyName("securityFileStatus")] TreeSecurityStatus? SecurityFileStatus);

    /// <summary>The LFS part of a file entry (<c>oid</c> is the content's SHA-256).</summary>
    public sealed record TreeLfs(
        [property: JsonPropertyName("oid")] string Oid,
        [property: JsonPropertyName("size")] long Size,
        [property: JsonPropertyName("pointerSize")] int PointerSize);

    /// <summary>The last commit that changed an entry.</summary>
    public sealed record TreeLastCommit(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("date")] string Date);

    /// <summary>The security scan of a file: the Sandbox scans nothing and calls every file safe.</summary>
    public sealed record TreeSecurityStatus(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("avScan")] TreeAvScan AvScan,
        [property: JsonPropertyName("pickleImportScan")] TreePickleScan? PickleImportScan);

    /// <summary>The antivirus part of a security scan.</summary>
    public sealed record TreeAvScan([property: JsonPropertyName("virusFound")] bool VirusFound);

    /// <summary>The pickle-import part of a security scan.</summary>
    public sealed record TreePickleScan(
        [property: JsonPropertyName("highestSafetyLevel")] string HighestSafetyLevel,
        [property: JsonPropertyName("imports")] IReadOnlyList<string> Imports);

    /// <summary>One entry of <c>GET /api/{type}s/{id}/commits/{rev}</c>.</summary>
    public sealed record CommitEntry(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("authors")] IReadOnlyList<CommitAuthor> Authors,
        [property: JsonPropertyName("date")] string Date);

    /// <summary>An author of a commit.</summary>
    public sealed record CommitAuthor(
        [property: JsonPropertyName("user")] string User,
        [property: JsonPropertyName("avatar")] string Avatar);

    /// <summary><c>POST /api/validate-yaml</c> answer: <c>{"errors": [...], "warnings": [...]}</c>.</summary>
    public sealed record YamlValidation(
        [property: JsonPropertyName("errors")] IReadOnlyList<YamlMessage> Errors,
        [property: JsonPropertyName("warnings")] IReadOnlyList<YamlMessage> Warnings);

    /// <summary>One error or warning of a YAML validation.</summary>
    public sealed record YamlMessage([property: JsonPropertyName("message")] string Message);

    /// <summary><c>POST /api/validate-yaml</c> request.</summary>
    public sealed class YamlValidationRequest
    {
        [JsonPropertyName("content")] public string? Content { get; set; }

        [JsonPropertyName("repoType")] public string? RepoType { get; set; }
    }

    /// <summary><c>POST /api/{type}s/{id}/duplicate</c> request.</summary>
    public sealed class DuplicateRequest
    {
        [JsonPropertyName("repository")] public string? Repository { get; set; }

        [JsonPropertyName("visibility")] public string? Visibility { get; set; }

        [JsonPropertyName("private")] public bool? Private { get; set; }

        [JsonPropertyName("hardware")] public string? Hardware { get; set; }

        [JsonPropertyName("sleepTimeSeconds")] public int? SleepTimeSeconds { get; set; }

        [JsonPropertyName("secrets")] public List<HubWire.KeyValue>? Secrets { get; set; }

        [JsonPropertyName("variables")] public List<HubWire.KeyValue>? Variables { get; set; }
    }
}
