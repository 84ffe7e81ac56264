using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// <c>preupload</c> and the NDJSON <c>commit</c> (<c>header</c>, <c>file</c>, <c>lfsFile</c>, <c>deletedFile</c>,
/// <c>deletedFolder</c>). A <c>parentCommit</c> that is not the head answers 412.
/// </summary>
internal sealed class CommitEndpoints(SandboxServices services)
{
    public void Map(WebApplication app)
    {
        foreach (var kind in RepoKinds.All)
        {
            var segment = "/api/" + kind.ApiSegment();
            app.MapPost(segment + "/{ns}/{name}/preupload/{**rev}", context => PreuploadAsync(context, kind));
            app.MapPost(segment + "/{ns}/{name}/commit/{**rev}", context => CommitAsync(context, kind));
        }
    }

    private async Task PreuploadAsync(HttpContext context, RepoKind kind)
    {
        var repo = await RepoAccess.ReadableAsync(context, services, kind, SandboxHttp.Route(context, "ns") + "/" + SandboxHttp.Route(context, "name")).ConfigureAwait(false);
        if (repo is null)
        {
            return;
        }

        var head = await BranchHeadAsync(context, repo).ConfigureAwait(false);
        if (head is null)
        {
            return;
        }

        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.PreuploadRequest).ConfigureAwait(false);
        if (request?.Files is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status422UnprocessableEntity, "Invalid preupload request: \"files\" is required").ConfigureAwait(false);
            return;
        }

        var files = new JsonArray();
        foreach (var file in request.Files)
        {
            if (RepoNameRules.CheckPath(file.Path) is { } problem)
            {
                await SandboxHttp.ErrorAsync(context, StatusCodes.Status422UnprocessableEntity, problem).ConfigureAwait(false);
                return;
            }

            byte[] sample;
            try
            {
                sample = Convert.FromBase64String(file.Sample ?? "");
            }
            catch (FormatException)
            {
                await SandboxHttp.ErrorAsync(context, StatusCodes.Status422UnprocessableEntity, $"Invalid base64 sample for '{file.Path}'").ConfigureAwait(false);
                return;
            }

            var entry = new JsonObject
            {
                ["path"] = file.Path,
                ["uploadMode"] = LfsRules.UseLfs(file.Path!, file.Size, sample, services.Options) ? "lfs" : "regular",
                ["shouldIgnore"] = false,
            };
            if (head.Tree.TryGetValue(file.Path!, out var existing))
            {
                entry["oid"] = existing.GitOid;
            }

            files.Append(entry);
        }

        await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["files"] = files, ["commitOid"] = head.Oid }).ConfigureAwait(false);
    }

    private async Task CommitAsync(HttpContext context, RepoKind kind)
    {
        var repo = await RepoAccess.WritableAsync(context, services, kind, SandboxHttp.Route(context, "ns") + "/" + SandboxHttp.Route(context, "name")).ConfigureAwait(false);
        if (repo is null || await BranchHeadAsync(context, repo).ConfigureAwait(false) is null)
        {
            return;
        }

        string? summary = null;
        var description = "";
        string? parent = null;
        var added = new List<RepoFile>();
        var deletedFiles = new List<string>();
        var deletedFolders = new List<string>();
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        string? line;
        var lineNumber = 0;
        while ((line = await reader.ReadLineAsync(context.RequestAborted).ConfigureAwait(false)) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonObject? item;
            try
            {
                item = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException)
            {
                item = null;
            }

            var key = item?["key"]?.GetValue<string>();
            var value = item?["value"] as JsonObject;
            if (key is null || value is null)
            {
                await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Invalid commit payload: line {lineNumber} is not {{\"key\", \"value\"}}").ConfigureAwait(false);
                return;
            }

            var path = value["path"]?.GetValue<string>();
            if (key is not "header" && RepoNameRules.CheckPath(key is "deletedFolder" ? path?.TrimEnd('/') : path) is { } pathProblem)
            {
                await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, pathProblem).ConfigureAwait(false);
                return;
            }

            switch (key)
            {
                case "header":
                    summary = value["summary"]?.GetValue<string>();
                    description = value["description"]?.GetValue<string>() ?? "";
                    parent = value["parentCommit"]?.GetValue<string>();
                    break;
                case "file":
                    var content = value["content"]?.GetValue<string>() ?? "";
                    byte[] bytes;
                    try
                    {
                        bytes = value["encoding"]?.GetValue<string>() is "base64" ? Convert.FromBase64String(content) : Encoding.UTF8.GetBytes(content);
                    }
                    catch (FormatException)
                    {
                        await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Invalid base64 content for '{path}'").ConfigureAwait(false);
                        return;
                    }

                    if (bytes.LongLength > services.Options.LfsThresholdBytes)
                    {
                        await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Your push was rejected because '{path}' is larger than {services.Options.LfsThresholdBytes} bytes: upload it through LFS (preupload answers \"lfs\")").ConfigureAwait(false);
                        return;
                    }

                    added.Add(await services.Repos.Blobs.StoreRegularAsync(path!, bytes, isLfs: false, context.RequestAborted).ConfigureAwait(false));
                    break;
                case "lfsFile":
                    var oid = value["oid"]?.GetValue<string>() ?? "";
                    if (!services.Repos.Blobs.TryGet(oid, out var size))
                    {
                        await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, $"LFS object {oid} of '{path}' was not uploaded (run the LFS batch and PUT it first)").ConfigureAwait(false);
                        return;
                    }

                    added.Add(new RepoFile(path!, size, isLfs: true, services.Repos.Blobs.PathOf(oid.ToLowerInvariant()), oid.ToLowerInvariant(), gitOid: null, patternSeed: null));
                    break;
                case "deletedFile" or "deletedEntry":
                    deletedFiles.Add(path!);
                    break;
                case "deletedFolder":
                    deletedFolders.Add(path!);
                    break;
                default:
                    await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Invalid commit payload: unknown key '{key}' on line {lineNumber}").ConfigureAwait(false);
                    return;
            }
        }

        if (string.IsNullOrWhiteSpace(summary))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "Invalid commit payload: the header line with a non-empty \"summary\" is required").ConfigureAwait(false);
            return;
        }

        RepoCommit commit;
        lock (repo.Gate)
        {
            var head = repo.Head;
            if (parent is not null && !head.Oid.StartsWith(parent, StringComparison.OrdinalIgnoreCase))
            {
                commit = null!;
            }
            else
            {
                commit = services.Repos.Commit(repo, summary, description, added, deletedFiles, deletedFolders);
            }
        }

        if (commit is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status412PreconditionFailed, $"Parent commit {parent} is not the head of main ({repo.Head.Oid}): a commit has happened since. Refresh and try again.").ConfigureAwait(false);
            return;
        }

        if (kind == RepoKind.Space && services.Spaces.Find(repo.Id) is { } runtime)
        {
            services.Spaces.StartBuild(runtime);
        }

        await SandboxHttp.WriteNodeAsync(context, new JsonObject
        {
            ["success"] = true,
            ["commitOid"] = commit.Oid,
            ["commitUrl"] = services.Url("/" + kind.UrlPrefix() + repo.Id + "/commit/" + commit.Oid),
            ["hookOutput"] = "",
        }).ConfigureAwait(false);
    }

    /// <summary>Only <c>main</c> (and commit ids, read-only) exist; anything else is RevisionNotFound.</summary>
    private static async Task<RepoCommit?> BranchHeadAsync(HttpContext context, Repo repo)
    {
        var revision = Uri.UnescapeDataString(SandboxHttp.Route(context, "rev"));
        if (revision is "main" or "refs/heads/main")
        {
            return repo.Head;
        }

        await SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, $"Invalid rev id: {revision} (the Sandbox only has the branch main)", "RevisionNotFound").ConfigureAwait(false);
        return null;
    }
}
