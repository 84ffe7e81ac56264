using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Infrastructure;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// The files of one Space app: <c>POST /upload</c> stores inputs under <c>{uploads}/{sha256}/{name}</c>,
/// <c>GET /file=</c> serves only files there, and a static Space serves the files of its head commit.
/// </summary>
internal sealed class GradioFileRoutes(SpaceRuntime space, string uploads)
{
    public void Map(GradioApiGroup api)
    {
        api.Post("/upload", (context, _) => UploadAsync(context));
        api.Get("/upload_progress", async (context, _) =>
        {
            context.Response.ContentType = "text/event-stream; charset=utf-8";
            await context.Response.WriteAsync("data: {\"msg\": \"done\"}\n\n", context.RequestAborted).ConfigureAwait(false);
        });

        // "file=" and the path share a segment, which no route template can express: the group's last GET route.
        api.GetOrHead("/{**path}", (context, manifest) =>
        {
            var route = GradioApiGroup.Route(context, manifest);
            return route.StartsWith("/file=", StringComparison.Ordinal)
                ? DownloadAsync(context, Uri.UnescapeDataString(route["/file=".Length..]))
                : GradioRequestErrors.NotFoundAsync(context);
        });
    }

    private async Task UploadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await SandboxHttp.WriteTextAsync(context, "Invalid content type.", StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var paths = new JsonArray();
        foreach (var file in form.Files.GetFiles("files"))
        {
            var name = Path.GetFileName(file.FileName);
            if (string.IsNullOrEmpty(name) || name is "." or "..")
            {
                await SandboxHttp.WriteTextAsync(context, "Invalid file name: " + file.FileName, StatusCodes.Status400BadRequest).ConfigureAwait(false);
                return;
            }

            var temp = Path.Combine(uploads, "incoming-" + HexIds.New(16));
            Directory.CreateDirectory(uploads);
            string sha;
            var output = new FileStream(temp, FileMode.CreateNew);
            await using (output.ConfigureAwait(false))
            {
                await file.CopyToAsync(output, context.RequestAborted).ConfigureAwait(false);
                output.Position = 0;
                sha = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(output, context.RequestAborted).ConfigureAwait(false));
            }

            var folder = Path.Combine(uploads, sha);
            Directory.CreateDirectory(folder);
            var target = Path.Combine(folder, name);
            File.Move(temp, target, overwrite: true);
            paths.Append(target);
        }

        await SandboxHttp.WriteNodeAsync(context, paths).ConfigureAwait(false);
    }

    private Task DownloadAsync(HttpContext context, string path)
    {
        var full = Path.GetFullPath(path);
        if (!full.StartsWith(uploads + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = "File not allowed: " + path }, StatusCodes.Status403Forbidden);
        }

        return Results.File(full, "application/octet-stream", Path.GetFileName(full), enableRangeProcessing: true).ExecuteAsync(context);
    }

    public Task ServeStaticAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "/").TrimStart('/');
        if (path.Length == 0)
        {
            path = "index.html";
        }

        if (!space.Repo.Head.Tree.TryGetValue(path, out var file))
        {
            return SandboxHttp.WriteTextAsync(context, "Not Found", StatusCodes.Status404NotFound);
        }

        var contentType = path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? "text/html; charset=utf-8" : "application/octet-stream";
        return Results.Stream(file.Open(), contentType, enableRangeProcessing: true).ExecuteAsync(context);
    }
}
