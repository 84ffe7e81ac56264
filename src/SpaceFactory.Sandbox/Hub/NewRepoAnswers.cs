using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>What creating and duplicating a repo share: the 409 answer and a new Space's runtime settings.</summary>
internal static class NewRepoAnswers
{
    /// <summary>The Hub's 409 for a repo id that is taken: <c>{"error", "url"}</c> and <c>X-Error-Message</c>.</summary>
    public static Task ConflictAsync(HttpContext context, SandboxServices services, RepoKind kind, string id)
    {
        var message = $"You already created this {kind.Wire()} repo";
        context.Response.Headers["X-Error-Message"] = message;
        return SandboxHttp.WriteNodeAsync(context, new JsonObject { ["error"] = message, ["url"] = services.Url("/" + kind.UrlPrefix() + id) }, StatusCodes.Status409Conflict);
    }

    /// <summary>Registers a new Space's runtime with the requested hardware, sleep time, secrets and variables, and builds it.</summary>
    public static async Task StartSpaceAsync(SandboxServices services, Repo repo, string? hardware, int? sleepTimeSeconds, IEnumerable<HubWire.KeyValue>? secrets, IEnumerable<HubWire.KeyValue>? variables)
    {
        // The repo is already reserved: finish even if the client went away (as the Hub does), or the Space would
        // exist without a runtime and answer 404 to every later runtime request.
        var runtime = await services.Spaces.RegisterAsync(repo, CancellationToken.None).ConfigureAwait(false);
        var now = services.TimeProvider.GetUtcNow();
        lock (runtime.Gate)
        {
            if (hardware is not null)
            {
                runtime.RequestedHardware = hardware;
            }

            if (sleepTimeSeconds is { } sleep)
            {
                runtime.GcTimeout = sleep;
            }

            foreach (var secret in secrets ?? [])
            {
                runtime.SecretValues[secret.Key!] = secret.Value ?? "";
                runtime.Secrets[secret.Key!] = (secret.Description, now);
            }

            foreach (var variable in variables ?? [])
            {
                runtime.Variables[variable.Key!] = (variable.Value ?? "", variable.Description, now);
            }
        }

        services.Spaces.StartBuild(runtime);
    }
}
