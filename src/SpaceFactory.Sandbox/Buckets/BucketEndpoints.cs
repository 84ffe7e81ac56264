using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Buckets;

/// <summary>
/// Storage Buckets: create/get/list/delete, tree, paths-info, resolve (with Range) and batch deletes, adds and copies of
/// content the Sandbox already holds. Uploading new content through Xet is not emulated (501); write through a Job volume instead.
/// </summary>
internal sealed class BucketEndpoints(SandboxServices services)
{
    public void Map(IEndpointRouteBuilder app)
    {
        var buckets = app.MapGroup("/api/buckets/{ns}");
        var named = buckets.MapGroup("/{name}");
        named.MapPost("", CreateAsync);
        named.MapGet("", context => WithBucketAsync(context, write: false, bucket => SandboxHttp.WriteJsonAsync(context, Info(bucket), SandboxJsonContext.Relaxed.BucketInfo)));
        named.MapDelete("", context => WithBucketAsync(context, write: true, bucket =>
        {
            services.Buckets.Remove(bucket);
            return SandboxHttp.WriteNodeAsync(context, new JsonObject());
        }));
        buckets.MapGet("", ListAsync);
        named.MapGet("/tree", context => WithBucketAsync(context, write: false, bucket => TreeAsync(context, bucket)));
        named.MapGet("/tree/{**path}", context => WithBucketAsync(context, write: false, bucket => TreeAsync(context, bucket)));
        named.MapPost("/paths-info", context => WithBucketAsync(context, write: false, bucket => PathsInfoAsync(context, bucket)));
        named.MapPost("/batch", context => WithBucketAsync(context, write: true, bucket => BatchAsync(context, bucket)));
        app.MapGroup("/buckets/{ns}/{name}").MapMethods("/resolve/{**path}", [HttpMethods.Get, HttpMethods.Head], context => WithBucketAsync(context, write: false, bucket => ResolveAsync(context, bucket)));
    }

    private string Namespace(HttpContext context)
    {
        var ns = SandboxHttp.Route(context, "ns");
        return ns is "me" ? RepoAccess.Caller(context, services)?.User ?? ns : ns;
    }

    private async Task CreateAsync(HttpContext context)
    {
        var caller = RepoAccess.Caller(context, services);
        if (caller is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status401Unauthorized, "You must be authenticated to create a bucket").ConfigureAwait(false);
            return;
        }

        var ns = Namespace(context);
        var name = SandboxHttp.Route(context, "name");
        if (RepoNameRules.Check(name) is { } problem)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, problem.Replace("Repository", "Bucket", StringComparison.Ordinal)).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(ns, caller.User, StringComparison.OrdinalIgnoreCase) || !caller.CanWrite)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status403Forbidden, $"You don't have the rights to create a bucket under the namespace \"{ns}\"").ConfigureAwait(false);
            return;
        }

        var request = context.Request.ContentLength is 0 ? new BucketsWire.CreateRequest() : await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.CreateRequest).ConfigureAwait(false) ?? new BucketsWire.CreateRequest();
        var isPrivate = request.Private ?? request.Visibility is "private";
        var url = services.Url("/buckets/" + caller.User + "/" + name);
        var bucket = services.Buckets.TryCreate(caller.User, name, isPrivate);
        if (bucket is null)
        {
            context.Response.Headers["X-Error-Message"] = "You already created this bucket";
            await SandboxHttp.WriteJsonAsync(context, new BucketsWire.BucketConflict("You already created this bucket", url), SandboxJsonContext.Relaxed.BucketConflict, StatusCodes.Status409Conflict).ConfigureAwait(false);
            return;
        }

        await SandboxHttp.WriteJsonAsync(context, new BucketsWire.CreatedBucket(url, bucket.Id, bucket.Id), SandboxJsonContext.Relaxed.CreatedBucket).ConfigureAwait(false);
    }

    private async Task ListAsync(HttpContext context)
    {
        var caller = RepoAccess.Caller(context, services);
        var ns = Namespace(context);
        var search = context.Request.Query["search"].ToString();
        var buckets = services.Buckets.All
            .Where(b => string.Equals(b.Namespace, ns, StringComparison.OrdinalIgnoreCase))
            .Where(b => !b.Private || caller is not null && string.Equals(caller.User, b.Namespace, StringComparison.OrdinalIgnoreCase))
            .Where(b => search.Length == 0 || b.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ToList();
        var page = Paging.Page(context, services, buckets).Select(Info).ToList();
        await SandboxHttp.WriteJsonAsync(context, page, SandboxJsonContext.Relaxed.ListBucketInfo).ConfigureAwait(false);
    }

    private async Task WithBucketAsync(HttpContext context, bool write, Func<SandboxBucket, Task> handler)
    {
        var caller = RepoAccess.Caller(context, services);
        var bucket = services.Buckets.Find(Namespace(context), SandboxHttp.Route(context, "name"));
        var owner = bucket is not null && caller is not null && string.Equals(caller.User, bucket.Namespace, StringComparison.OrdinalIgnoreCase);
        if (bucket is null || bucket.Private && !owner)
        {
            await SandboxHttp.ErrorAsync(context, caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status404NotFound, "Bucket not found", "RepoNotFound").ConfigureAwait(false);
            return;
        }

        if (write && (!owner || !caller!.CanWrite))
        {
            await SandboxHttp.ErrorAsync(context, caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden, $"You don't have the rights to write to bucket {bucket.Id}").ConfigureAwait(false);
            return;
        }

        await handler(bucket).ConfigureAwait(false);
    }

    private static BucketsWire.BucketInfo Info(SandboxBucket bucket)
    {
        var files = Directory.Exists(bucket.Folder) ? new DirectoryInfo(bucket.Folder).EnumerateFiles("*", SearchOption.AllDirectories).ToList() : [];
        return new BucketsWire.BucketInfo(bucket.Id, bucket.Private, LogStreamWriter.FormatTimestamp(bucket.CreatedAt), files.Sum(f => f.Length), files.Count);
    }

    private BucketsWire.BucketEntry FileEntry(SandboxBucket bucket, FileInfo file)
    {
        var written = LogStreamWriter.FormatTimestamp(new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
        return new BucketsWire.BucketEntry("file", Relative(bucket, file.FullName), file.Length, services.Buckets.ContentHash(file), written, written);
    }

    private static BucketsWire.BucketEntry DirectoryEntry(SandboxBucket bucket, DirectoryInfo directory)
        => new("directory", Relative(bucket, directory.FullName), null, null, null, LogStreamWriter.FormatTimestamp(new DateTimeOffset(directory.LastWriteTimeUtc, TimeSpan.Zero)));

    private async Task TreeAsync(HttpContext context, SandboxBucket bucket)
    {
        var prefix = Uri.UnescapeDataString(SandboxHttp.Route(context, "path")).Trim('/');
        if (prefix.Length > 0 && RepoNameRules.CheckPath(prefix) is { } problem)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        var folder = prefix.Length == 0 ? bucket.Folder : Path.Combine(bucket.Folder, prefix);
        if (!Directory.Exists(folder))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, $"Folder '{prefix}' not found in bucket {bucket.Id}", "EntryNotFound").ConfigureAwait(false);
            return;
        }

        // Like the Hub: recursive unless recursive=false (then files and directories of this level).
        var recursive = !string.Equals(context.Request.Query["recursive"], "false", StringComparison.OrdinalIgnoreCase);
        var directory = new DirectoryInfo(folder);
        var entries = recursive
            ? directory.EnumerateFiles("*", SearchOption.AllDirectories).Select(f => FileEntry(bucket, f)).ToList()
            : [.. directory.EnumerateFiles().Select(f => FileEntry(bucket, f)), .. directory.EnumerateDirectories().Select(d => DirectoryEntry(bucket, d))];
        var page = Paging.Page(context, services, entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList()).ToList();
        await SandboxHttp.WriteJsonAsync(context, page, SandboxJsonContext.Relaxed.ListBucketEntry).ConfigureAwait(false);
    }

    private async Task PathsInfoAsync(HttpContext context, SandboxBucket bucket)
    {
        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.PathsInfoRequest).ConfigureAwait(false);
        if (request?.Paths is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "\"paths\" is required").ConfigureAwait(false);
            return;
        }

        var found = request.Paths
            .Where(path => RepoNameRules.CheckPath(path) is null)
            .Select(path => new FileInfo(Path.Combine(bucket.Folder, path)))
            .Where(file => file.Exists)
            .Select(file => FileEntry(bucket, file))
            .ToList();
        await SandboxHttp.WriteJsonAsync(context, found, SandboxJsonContext.Relaxed.ListBucketEntry).ConfigureAwait(false);
    }

    /// <summary>
    /// One NDJSON batch. Adds and copies are checked first: an <c>addFile</c> whose hash the Sandbox does not hold is
    /// 501 for the whole batch (the content would have gone to Xet, which is not emulated); a <c>copyFile</c> whose
    /// source does not hold it fails that line (422 with <c>failed[]</c>, as the Hub reports per path).
    /// </summary>
    private async Task BatchAsync(HttpContext context, SandboxBucket bucket)
    {
        var caller = RepoAccess.Caller(context, services);
        var lookup = new BucketContentLookup(services);
        var operations = new List<(string Type, string Path, Func<Stream>? Source, long? Mtime)>();
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        string? line;
        while ((line = await reader.ReadLineAsync(context.RequestAborted).ConfigureAwait(false)) is not null)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonObject? operation;
            try
            {
                operation = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                operation = null;
            }

            var type = (operation?["type"] as JsonValue)?.TryGetValue<string>(out var t) == true ? t : null;
            var path = (operation?["path"] as JsonValue)?.TryGetValue<string>(out var p) == true ? p : "";
            var hash = (operation?["xetHash"] as JsonValue)?.TryGetValue<string>(out var h) == true ? h : "";
            switch (type)
            {
                case "deleteFile":
                    operations.Add((type, path, null, null));
                    break;
                case "addFile":
                    var added = lookup.InAnyBucket(hash, b => !b.Private || caller is not null && string.Equals(caller.User, b.Namespace, StringComparison.OrdinalIgnoreCase));
                    if (added is null)
                    {
                        await SandboxHttp.ErrorAsync(context, StatusCodes.Status501NotImplemented, $"Xet uploads are not emulated by the Sandbox: no content with xetHash '{hash}' for '{path}' is held here (addFile works for content already in a bucket; write new files through a Job volume or into the bucket's folder)").ConfigureAwait(false);
                        return;
                    }

                    operations.Add((type, path, added, (operation!["mtime"] as JsonValue)?.TryGetValue<long>(out var mtime) == true ? mtime : null));
                    break;
                case "copyFile":
                    operations.Add((type, path, CopySource(context, lookup, operation!, hash), null));
                    break;
                default:
                    await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Invalid batch line: {line}").ConfigureAwait(false);
                    return;
            }
        }

        var failed = new List<BucketsWire.BatchFailure>();
        foreach (var (type, path, source, mtime) in operations)
        {
            var full = RepoNameRules.CheckPath(path) is null ? Path.Combine(bucket.Folder, path) : null;
            if (full is null)
            {
                failed.Add(new(path, $"Invalid path '{path}'"));
            }
            else if (type is "deleteFile")
            {
                if (!File.Exists(full))
                {
                    failed.Add(new(path, "File not found"));
                    continue;
                }

                File.Delete(full);
            }
            else if (source is null)
            {
                failed.Add(new(path, "Source file not found: no file with this xetHash in the source repo"));
            }
            else
            {
                await WriteAtomicallyAsync(full, source, mtime, context.RequestAborted).ConfigureAwait(false);
            }
        }

        await SandboxHttp.WriteJsonAsync(
            context,
            new BucketsWire.BatchResult(failed.Count == 0, operations.Count, operations.Count - failed.Count, failed),
            SandboxJsonContext.Relaxed.BatchResult,
            failed.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity).ConfigureAwait(false);
    }

    /// <summary>The content a <c>copyFile</c> line names: its hash in the source bucket or repo (readable by the caller).</summary>
    private Func<Stream>? CopySource(HttpContext context, BucketContentLookup lookup, JsonObject operation, string hash)
    {
        var caller = RepoAccess.Caller(context, services);
        var sourceType = operation["sourceRepoType"]?.ToString() ?? "bucket";
        var sourceId = operation["sourceRepoId"]?.ToString() ?? "";
        if (sourceType is "bucket")
        {
            var parts = sourceId.Split('/');
            var source = parts.Length == 2 ? services.Buckets.Find(parts[0], parts[1]) : null;
            var readable = source is not null && (!source.Private || caller is not null && string.Equals(caller.User, source.Namespace, StringComparison.OrdinalIgnoreCase));
            return readable ? lookup.InBucket(source!, hash) : null;
        }

        return RepoKinds.TryParse(sourceType, out var kind) && services.Repos.Find(kind, sourceId) is { } repo && RepoAccess.CanRead(caller, repo)
            ? BucketContentLookup.InRepo(repo, hash)
            : null;
    }

    /// <summary>Writes through a temporary file and a rename, so readers never see half a file.</summary>
    private static async Task WriteAtomicallyAsync(string target, Func<Stream> source, long? mtimeMilliseconds, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var input = source())
        await using (var output = File.Create(temporary))
        {
            await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        }

        if (mtimeMilliseconds is { } mtime)
        {
            File.SetLastWriteTimeUtc(temporary, DateTimeOffset.FromUnixTimeMilliseconds(mtime).UtcDateTime);
        }

        File.Move(temporary, target, overwrite: true);
    }

    /// <summary>
    /// Serves one snapshot of the file: its bytes are read once (while a Job may still be appending to it) and the
    /// length, the ETag and any range all come from those bytes, never from a second look at a growing file.
    /// </summary>
    private static async Task ResolveAsync(HttpContext context, SandboxBucket bucket)
    {
        var path = Uri.UnescapeDataString(SandboxHttp.Route(context, "path"));
        var file = RepoNameRules.CheckPath(path) is null ? new FileInfo(Path.Combine(bucket.Folder, path)) : null;
        var snapshot = file is { Exists: true } ? await ReadSnapshotAsync(file, context.RequestAborted).ConfigureAwait(false) : null;
        if (snapshot is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, "Entry not found", "EntryNotFound").ConfigureAwait(false);
            return;
        }

        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(snapshot)) + "\"";
        context.Response.Headers.AcceptRanges = "bytes";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.ETag = etag;
            context.Response.ContentLength = snapshot.Length;
            context.Response.ContentType = "application/octet-stream";
            return;
        }

        await Results.Bytes(snapshot, "application/octet-stream", lastModified: new DateTimeOffset(file!.LastWriteTimeUtc, TimeSpan.Zero), entityTag: new EntityTagHeaderValue(etag), enableRangeProcessing: true).ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>The file's bytes as they are now (a writer may hold it open); null when it vanished meanwhile.</summary>
    private static async Task<byte[]?> ReadSnapshotAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                var bytes = new byte[stream.Length];
                var read = await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                return read == bytes.Length ? bytes : bytes[..read];
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static string Relative(SandboxBucket bucket, string fullPath) => Path.GetRelativePath(bucket.Folder, fullPath).Replace('\\', '/');
}
