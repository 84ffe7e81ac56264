using System.Text.Json.Serialization;

// Request and response shapes of the Hub API that callers never see. One file on purpose: they are plain wire
// records, each mirroring one JSON body of protocols/hf-hub-api.md.
#pragma warning disable MA0048 // File name must match type name
namespace SpaceFactory.Hf.Hub;

/// <summary><c>POST /api/repos/create</c> body.</summary>
internal sealed record CreateRepoRequest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("organization")] string? Organization,
    [property: JsonPropertyName("type")] string Type)
{
    [JsonPropertyName("visibility")]
    public string? Visibility { get; init; }

    [JsonPropertyName("sdk")]
    public string? Sdk { get; init; }

    [JsonPropertyName("sdkVersion")]
    public string? SdkVersion { get; init; }

    [JsonPropertyName("hardware")]
    public string? Hardware { get; init; }

    [JsonPropertyName("sleepTimeSeconds")]
    public int? SleepTimeSeconds { get; init; }

    [JsonPropertyName("secrets")]
    public IReadOnlyList<KeyValueBody>? Secrets { get; init; }

    [JsonPropertyName("variables")]
    public IReadOnlyList<KeyValueBody>? Variables { get; init; }
}

/// <summary><c>POST /api/repos/create</c> answer.</summary>
internal sealed record CreateRepoResponse(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("id")] string? Id);

/// <summary><c>DELETE /api/repos/delete</c> body.</summary>
internal sealed record DeleteRepoRequest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("organization")] string? Organization,
    [property: JsonPropertyName("type")] string Type);

/// <summary><c>PUT /api/{type}s/{id}/settings</c> body changing the visibility.</summary>
internal sealed record VisibilityRequest([property: JsonPropertyName("visibility")] string Visibility);

/// <summary>A secret or variable in a body: <c>{"key","value","description"?}</c>.</summary>
internal sealed record KeyValueBody(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("description")] string? Description);

/// <summary><c>{"key"}</c>: the body deleting a secret or variable.</summary>
internal sealed record KeyBody([property: JsonPropertyName("key")] string Key);

/// <summary>A variable as listed by <c>GET /api/spaces/{id}/variables</c>.</summary>
internal sealed record VariableEntry(
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("updatedAt")] DateTimeOffset? UpdatedAt);

/// <summary>A secret as listed by <c>GET /api/spaces/{id}/secrets</c> (never its value).</summary>
internal sealed record SecretEntry(
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("updatedAt")] DateTimeOffset? UpdatedAt);

/// <summary><c>POST /api/spaces/{id}/hardware</c> body.</summary>
internal sealed record HardwareRequest(
    [property: JsonPropertyName("flavor")] string Flavor,
    [property: JsonPropertyName("sleepTimeSeconds")] int? SleepTimeSeconds);

/// <summary><c>POST /api/spaces/{id}/sleeptime</c> body.</summary>
internal sealed record SleepTimeRequest([property: JsonPropertyName("seconds")] int Seconds);

/// <summary><c>POST /api/{type}s/{id}/preupload/{revision}</c> body.</summary>
internal sealed record PreuploadRequest([property: JsonPropertyName("files")] IReadOnlyList<PreuploadFile> Files);

/// <summary>One file of a preupload request: path, base64 of its first 512 bytes, size.</summary>
internal sealed record PreuploadFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sample")] string Sample,
    [property: JsonPropertyName("size")] long Size);

/// <summary><c>POST /api/{type}s/{id}/preupload/{revision}</c> answer.</summary>
internal sealed record PreuploadResponse(
    [property: JsonPropertyName("files")] IReadOnlyList<PreuploadResult>? Files,
    [property: JsonPropertyName("commitOid")] string? CommitOid);

/// <summary>The Hub's decision for one file: <c>regular</c> or <c>lfs</c>, and whether to leave it out.</summary>
internal sealed record PreuploadResult(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("uploadMode")] string? UploadMode,
    [property: JsonPropertyName("shouldIgnore")] bool ShouldIgnore,
    [property: JsonPropertyName("oid")] string? Oid);

/// <summary><c>POST /api/{type}s/{id}/commit/{revision}</c> answer.</summary>
internal sealed record CommitResponse(
    [property: JsonPropertyName("commitOid")] string? CommitOid,
    [property: JsonPropertyName("commitUrl")] string? CommitUrl);

/// <summary><c>POST {prefix}{id}.git/info/lfs/objects/batch</c> body, as the Python client sends it.</summary>
internal sealed record LfsBatchRequest(
    [property: JsonPropertyName("operation")] string Operation,
    [property: JsonPropertyName("transfers")] IReadOnlyList<string> Transfers,
    [property: JsonPropertyName("objects")] IReadOnlyList<LfsObjectId> Objects,
    [property: JsonPropertyName("hash_algo")] string HashAlgorithm,
    [property: JsonPropertyName("ref")] LfsRef Ref);

/// <summary>An LFS object: SHA-256 (hex) and size.</summary>
internal sealed record LfsObjectId(
    [property: JsonPropertyName("oid")] string Oid,
    [property: JsonPropertyName("size")] long Size);

/// <summary>The branch an LFS batch is for.</summary>
internal sealed record LfsRef([property: JsonPropertyName("name")] string Name);

/// <summary>LFS batch answer.</summary>
internal sealed record LfsBatchResponse(
    [property: JsonPropertyName("transfer")] string? Transfer,
    [property: JsonPropertyName("objects")] IReadOnlyList<LfsBatchObject>? Objects);

/// <summary>What to do with one LFS object; no actions means the server has it already.</summary>
internal sealed record LfsBatchObject(
    [property: JsonPropertyName("oid")] string Oid,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("actions")] LfsActions? Actions,
    [property: JsonPropertyName("error")] LfsObjectError? Error);

/// <summary>The upload and verify actions of an LFS object.</summary>
internal sealed record LfsActions(
    [property: JsonPropertyName("upload")] LfsAction? Upload,
    [property: JsonPropertyName("verify")] LfsAction? Verify);

/// <summary>An LFS action: where to send and which headers to add (for multipart, <c>chunk_size</c> and part URLs).</summary>
internal sealed record LfsAction(
    [property: JsonPropertyName("href")] string Href,
    [property: JsonPropertyName("header")] IReadOnlyDictionary<string, string>? Header);

/// <summary>Why the LFS server refused an object.</summary>
internal sealed record LfsObjectError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>Body completing a multipart LFS upload.</summary>
internal sealed record LfsCompletionRequest(
    [property: JsonPropertyName("oid")] string Oid,
    [property: JsonPropertyName("parts")] IReadOnlyList<LfsCompletedPart> Parts);

/// <summary>One uploaded part and its ETag.</summary>
internal sealed record LfsCompletedPart(
    [property: JsonPropertyName("partNumber")] int PartNumber,
    [property: JsonPropertyName("etag")] string ETag);

/// <summary>
/// <c>POST /api/spaces/{id}/duplicate</c> body; <c>private</c> is always sent (left out, the Hub keeps the source's
/// visibility).
/// </summary>
internal sealed record DuplicateSpaceRequest(
    [property: JsonPropertyName("repository")] string Repository,
    [property: JsonPropertyName("private")] bool Private)
{
    [JsonPropertyName("hardware")]
    public string? Hardware { get; init; }

    [JsonPropertyName("sleepTimeSeconds")]
    public int? SleepTimeSeconds { get; init; }

    [JsonPropertyName("secrets")]
    public IReadOnlyList<KeyValueBody>? Secrets { get; init; }

    [JsonPropertyName("variables")]
    public IReadOnlyList<KeyValueBody>? Variables { get; init; }
}
