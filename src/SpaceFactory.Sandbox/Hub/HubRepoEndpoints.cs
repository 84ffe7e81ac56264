using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>whoami, repo create/delete/info/settings.</summary>
internal sealed class HubRepoEndpoints(SandboxServices services)
{
    private static readonly string[] Sdks = ["gradio", "docker", "static", "streamlit"];

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/whoami-v2", WhoAmIAsync);
        var repos = app.MapGroup("/api/repos");
        repos.MapPost("/create", CreateAsync);
        repos.MapDelete("/delete", DeleteAsync);
        foreach (var kind in RepoKinds.All)
        {
            var repo = app.MapGroup("/api/" + kind.ApiSegment() + "/{ns}/{name}");
            repo.MapGet("", context => InfoAsync(context, kind));
            repo.MapGet("/revision/{**rev}", context => InfoAsync(context, kind));
            repo.MapPut("/settings", context => SettingsAsync(context, kind));
        }
    }

    private Task WhoAmIAsync(HttpContext context)
    {
        var caller = RepoAccess.Caller(context, services);
        if (caller is null)
        {
            return SandboxHttp.ErrorAsync(context, StatusCodes.Status401Unauthorized, "Invalid credentials in Authorization header");
        }

        var body = new JsonObject
        {
            ["type"] = "user",
            ["id"] = caller.UserId,
            ["name"] = caller.User,
            ["fullname"] = caller.User,
            ["email"] = caller.User + "@sandbox.invalid",
            ["emailVerified"] = true,
            ["canPay"] = true,
            ["billingMode"] = "prepaid",
            ["periodEnd"] = null,
            ["isPro"] = true,
            ["avatarUrl"] = "/avatars/sandbox.svg",
            ["orgs"] = new JsonArray(),
            ["auth"] = new JsonObject
            {
                ["type"] = "access_token",
                ["accessToken"] = new JsonObject
                {
                    ["displayName"] = caller.TokenName,
                    ["role"] = caller.CanWrite ? "write" : "read",
                    ["createdAt"] = LogStreamWriter.FormatTimestamp(caller.TokenCreatedAt),
                },
            },
        };
        return SandboxHttp.WriteNodeAsync(context, body);
    }

    private async Task CreateAsync(HttpContext context)
    {
        var caller = RepoAccess.Caller(context, services);
        if (caller is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status401Unauthorized, "You must be authenticated to create a repo").ConfigureAwait(false);
            return;
        }

        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.RepoRequest).ConfigureAwait(false);
        if (request is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "The request body must be a JSON object").ConfigureAwait(false);
            return;
        }

        if (!RepoKinds.TryParse(request.Type, out var kind))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Invalid repo type '{request.Type}': expected model, dataset or space").ConfigureAwait(false);
            return;
        }

        var ns = string.IsNullOrEmpty(request.Organization) ? caller.User : request.Organization;
        var problem = RepoNameRules.Check(request.Name) ?? RepoNameRules.Check(ns, "namespace");
        if (problem is not null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(ns, caller.User, StringComparison.OrdinalIgnoreCase) || !caller.CanWrite)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status403Forbidden, $"You don't have the rights to create a {kind.Wire()} under the namespace \"{ns}\"").ConfigureAwait(false);
            return;
        }

        if (request.Visibility is not null && request.Private is not null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "\"visibility\" cannot be specified along with \"private\"").ConfigureAwait(false);
            return;
        }

        if (request.Visibility is not null and not ("public" or "private" or "protected") || request.Visibility is "protected" && kind != RepoKind.Space)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Invalid visibility '{request.Visibility}': expected public or private (protected for Spaces)").ConfigureAwait(false);
            return;
        }

        if (kind == RepoKind.Space && (request.Sdk is null || !Sdks.Contains(request.Sdk)))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, $"\"sdk\" is required for a Space and must be one of gradio, docker, static (got '{request.Sdk}')").ConfigureAwait(false);
            return;
        }

        var id = ns + "/" + request.Name;
        if (kind == RepoKind.Space && request.Hardware is not null && services.Spaces.HardwareRefusal(request.Hardware, id) is { } refusal)
        {
            await SandboxHttp.ErrorAsync(context, refusal.Status, refusal.Message).ConfigureAwait(false);
            return;
        }

        foreach (var entry in (request.Secrets ?? []).Concat(request.Variables ?? []))
        {
            if (KeyProblem(entry.Key) is { } keyProblem)
            {
                await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, keyProblem).ConfigureAwait(false);
                return;
            }
        }

        var isPrivate = request.Visibility is "private" || request.Private == true;
        var repo = services.Repos.TryCreate(kind, ns, request.Name!, r =>
        {
            r.Private = isPrivate;
            r.Sdk = kind == RepoKind.Space ? request.Sdk : null;
        });
        var url = services.Url("/" + kind.UrlPrefix() + id);
        if (repo is null)
        {
            await NewRepoAnswers.ConflictAsync(context, services, kind, services.Repos.Find(kind, id)?.Id ?? id).ConfigureAwait(false);
            return;
        }

        var files = new List<RepoFile>();
        foreach (var file in request.Files ?? [])
        {
            if (RepoNameRules.CheckPath(file.Path) is null && file.Content is not null)
            {
                var bytes = file.Encoding is "base64" && IsBase64(file.Content) ? Convert.FromBase64String(file.Content) : Encoding.UTF8.GetBytes(file.Content);
                files.Add(await services.Repos.Blobs.StoreRegularAsync(file.Path!, bytes, isLfs: false, CancellationToken.None).ConfigureAwait(false));
            }
        }

        // The repo is already reserved: finish creating it even if the client went away (as the Hub does).
        await services.Repos.InitializeAsync(repo, files, CancellationToken.None).ConfigureAwait(false);
        if (kind == RepoKind.Space)
        {
            await NewRepoAnswers.StartSpaceAsync(services, repo, request.Hardware, request.SleepTimeSeconds, request.Secrets, request.Variables).ConfigureAwait(false);
        }

        await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["url"] = url, ["name"] = repo.Id, ["id"] = repo.ObjectId }).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext context)
    {
        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.RepoRequest).ConfigureAwait(false);
        var caller = RepoAccess.Caller(context, services);
        if (request is null || !RepoKinds.TryParse(request.Type, out var kind))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "The body must be {\"name\", \"organization\", \"type\"}").ConfigureAwait(false);
            return;
        }

        var ns = string.IsNullOrEmpty(request.Organization) ? caller?.User : request.Organization;
        var repo = await RepoAccess.WritableAsync(context, services, kind, ns + "/" + request.Name).ConfigureAwait(false);
        if (repo is null)
        {
            return;
        }

        services.Repos.Remove(kind, repo.Id);
        if (kind == RepoKind.Space)
        {
            await services.Spaces.RemoveAsync(repo.Id).ConfigureAwait(false);
        }

        await SandboxHttp.WriteTextAsync(context, "OK").ConfigureAwait(false);
    }

    private async Task InfoAsync(HttpContext context, RepoKind kind)
    {
        var repo = await RepoAccess.ReadableAsync(context, services, kind, SandboxHttp.Route(context, "ns") + "/" + SandboxHttp.Route(context, "name")).ConfigureAwait(false);
        if (repo is null)
        {
            return;
        }

        var revision = Uri.UnescapeDataString(SandboxHttp.Route(context, "rev"));
        var commit = repo.Resolve(revision);
        if (commit is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, $"Invalid rev id: {revision}", "RevisionNotFound").ConfigureAwait(false);
            return;
        }

        await RepoInfoBuilder.WriteAsync(context, services, repo, commit).ConfigureAwait(false);
    }

    private async Task SettingsAsync(HttpContext context, RepoKind kind)
    {
        var repo = await RepoAccess.WritableAsync(context, services, kind, SandboxHttp.Route(context, "ns") + "/" + SandboxHttp.Route(context, "name")).ConfigureAwait(false);
        if (repo is null)
        {
            return;
        }

        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.SettingsRequest).ConfigureAwait(false);
        if (request is null || request.Visibility is null && request.Private is null && request.Gated is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "Give at least one of visibility, private, gated").ConfigureAwait(false);
            return;
        }

        if (request.Visibility is not null and not ("public" or "private" or "protected"))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Invalid visibility '{request.Visibility}'").ConfigureAwait(false);
            return;
        }

        lock (repo.Gate)
        {
            if (request.Visibility is not null)
            {
                repo.Private = request.Visibility is "private";
            }
            else if (request.Private is { } isPrivate)
            {
                repo.Private = isPrivate;
            }

            if (request.Gated is JsonValue gated)
            {
                repo.Gated = gated.TryGetValue<string>(out var mode) ? mode : null;
            }
        }

        await SandboxHttp.WriteNodeAsync(context, new JsonObject
        {
            ["private"] = repo.Private,
            ["visibility"] = repo.Private ? "private" : "public",
            ["gated"] = repo.Gated is null ? JsonValue.Create(false) : JsonValue.Create(repo.Gated),
        }).ConfigureAwait(false);
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    /// <summary>Secret and variable keys: <c>^[a-zA-Z][_a-zA-Z0-9]*$</c>.</summary>
    public static string? KeyProblem(string? key)
    {
        if (string.IsNullOrEmpty(key) || !char.IsAsciiLetter(key[0]) || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return $"Invalid key '{key}': it must match ^[a-zA-Z][_a-zA-Z0-9]*$";
        }

        return null;
    }
}
