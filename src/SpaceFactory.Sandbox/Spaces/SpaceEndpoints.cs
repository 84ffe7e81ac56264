using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Spaces;

/// <summary>Space runtime, control (hardware, sleeptime, restart, pause), host, secrets, variables and logs.</summary>
internal sealed class SpaceEndpoints(SandboxServices services)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/spaces/hardware", context => SandboxHttp.WriteNodeAsync(context, HardwareCatalog.ToJson()));
        var space = app.MapGroup("/api/spaces/{ns}/{name}");
        space.MapGet("/runtime", context => WithSpaceAsync(context, write: false, (runtime, _) => RuntimeAsync(context, runtime)));
        space.MapGet("/host", context => WithSpaceAsync(context, write: false, (runtime, _) => SandboxHttp.WriteNodeAsync(context, new JsonObject
        {
            ["subdomain"] = SpaceRuntimeJson.Subdomain(runtime.Repo),
            ["host"] = runtime.App?.Origin,
        })));
        space.MapGet("/jwt", context => WithSpaceAsync(context, write: false, (runtime, _) => SandboxHttp.WriteNodeAsync(context, new JsonObject
        {
            ["accessToken"] = "sandbox-jwt-" + HexIds.New(32),
            ["token"] = "sandbox-jwt-" + HexIds.New(32),
            ["exp"] = services.TimeProvider.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
        })));
        space.MapPost("/hardware", context => WithSpaceAsync(context, write: true, (runtime, _) => HardwareAsync(context, runtime)));
        space.MapPost("/sleeptime", context => WithSpaceAsync(context, write: true, (runtime, _) => SleepTimeAsync(context, runtime)));
        space.MapPost("/restart", context => WithSpaceAsync(context, write: true, (runtime, _) =>
        {
            services.Spaces.StartBuild(runtime);
            return RuntimeAsync(context, runtime);
        }));
        space.MapPost("/pause", context => WithSpaceAsync(context, write: true, (runtime, _) =>
        {
            services.Spaces.Pause(runtime);
            return RuntimeAsync(context, runtime);
        }));
        space.MapGet("/secrets", context => WithSpaceAsync(context, write: true, (runtime, _) => SecretsAsync(context, runtime)));
        space.MapPost("/secrets", context => WithSpaceAsync(context, write: true, (runtime, _) => UpsertAsync(context, runtime, secret: true)));
        space.MapDelete("/secrets", context => WithSpaceAsync(context, write: true, (runtime, _) => DeleteKeyAsync(context, runtime, secret: true)));
        space.MapGet("/variables", context => WithSpaceAsync(context, write: false, (runtime, _) => VariablesAsync(context, runtime)));
        space.MapPost("/variables", context => WithSpaceAsync(context, write: true, (runtime, _) => UpsertAsync(context, runtime, secret: false)));
        space.MapDelete("/variables", context => WithSpaceAsync(context, write: true, (runtime, _) => DeleteKeyAsync(context, runtime, secret: false)));
        space.MapGet("/logs/{kind}", context => WithSpaceAsync(context, write: false, (runtime, _) => LogsAsync(context, runtime)));
        space.MapGet("/events", context => WithSpaceAsync(context, write: false, (runtime, _) => EventsAsync(context, runtime)));
    }

    private async Task WithSpaceAsync(HttpContext context, bool write, Func<SpaceRuntime, Repo, Task> handler)
    {
        var id = SandboxHttp.Route(context, "ns") + "/" + SandboxHttp.Route(context, "name");
        var repo = write
            ? await RepoAccess.WritableAsync(context, services, RepoKind.Space, id).ConfigureAwait(false)
            : await RepoAccess.ReadableAsync(context, services, RepoKind.Space, id).ConfigureAwait(false);
        if (repo is null)
        {
            return;
        }

        var runtime = services.Spaces.Find(repo.Id);
        if (runtime is null)
        {
            await RepoAccess.NotFoundAsync(context, RepoAccess.Caller(context, services)).ConfigureAwait(false);
            return;
        }

        await handler(runtime, repo).ConfigureAwait(false);
    }

    private static Task RuntimeAsync(HttpContext context, SpaceRuntime runtime) => SandboxHttp.WriteJsonAsync(context, SpaceRuntimeJson.Answer(runtime), SandboxJsonContext.Relaxed.SpaceRuntimeAnswer);

    private async Task HardwareAsync(HttpContext context, SpaceRuntime runtime)
    {
        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.HardwareRequest).ConfigureAwait(false);
        if (string.IsNullOrEmpty(request?.Flavor))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "\"flavor\" is required").ConfigureAwait(false);
            return;
        }

        if (runtime.IsStatic)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "Static Spaces cannot request hardware").ConfigureAwait(false);
            return;
        }

        if (services.Spaces.HardwareRefusal(request.Flavor, runtime.Repo.Id) is { } refusal)
        {
            await SandboxHttp.ErrorAsync(context, refusal.Status, refusal.Message).ConfigureAwait(false);
            return;
        }

        lock (runtime.Gate)
        {
            runtime.RequestedHardware = request.Flavor;
            if (request.SleepTimeSeconds is { } sleep)
            {
                runtime.GcTimeout = sleep;
            }
        }

        services.Spaces.StartBuild(runtime);
        await RuntimeAsync(context, runtime).ConfigureAwait(false);
    }

    private static async Task SleepTimeAsync(HttpContext context, SpaceRuntime runtime)
    {
        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.HardwareRequest).ConfigureAwait(false);
        if (request?.Seconds is not { } seconds || seconds == 0 || seconds < -1)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "\"seconds\" must be a positive number of seconds or -1").ConfigureAwait(false);
            return;
        }

        lock (runtime.Gate)
        {
            runtime.GcTimeout = seconds;
        }

        await RuntimeAsync(context, runtime).ConfigureAwait(false);
    }

    private static Task SecretsAsync(HttpContext context, SpaceRuntime runtime)
    {
        var body = new JsonObject();
        lock (runtime.Gate)
        {
            foreach (var (key, (description, updatedAt)) in runtime.Secrets)
            {
                var entry = new JsonObject();
                if (description is not null)
                {
                    entry["description"] = description;
                }

                entry["updatedAt"] = LogStreamWriter.FormatTimestamp(updatedAt);
                body[key] = entry;
            }
        }

        return SandboxHttp.WriteNodeAsync(context, body);
    }

    private static Task VariablesAsync(HttpContext context, SpaceRuntime runtime)
    {
        var body = new JsonObject();
        lock (runtime.Gate)
        {
            foreach (var (key, (value, description, updatedAt)) in runtime.Variables)
            {
                var entry = new JsonObject { ["value"] = value };
                if (description is not null)
                {
                    entry["description"] = description;
                }

                entry["updatedAt"] = LogStreamWriter.FormatTimestamp(updatedAt);
                body[key] = entry;
            }
        }

        return SandboxHttp.WriteNodeAsync(context, body);
    }

    private async Task UpsertAsync(HttpContext context, SpaceRuntime runtime, bool secret)
    {
        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.KeyValue).ConfigureAwait(false);
        if (HubRepoEndpoints.KeyProblem(request?.Key) is { } problem)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        var now = services.TimeProvider.GetUtcNow();
        lock (runtime.Gate)
        {
            if (secret)
            {
                runtime.SecretValues[request!.Key!] = request.Value ?? "";
                var description = request.Description ?? (runtime.Secrets.TryGetValue(request.Key!, out var old) ? old.Description : null);
                runtime.Secrets[request.Key!] = (description, now);
            }
            else
            {
                var description = request!.Description ?? (runtime.Variables.TryGetValue(request.Key!, out var old) ? old.Description : null);
                runtime.Variables[request.Key!] = (request.Value ?? "", description, now);
            }
        }

        if (secret)
        {
            await SandboxHttp.WriteNodeAsync(context, new JsonObject()).ConfigureAwait(false);
        }
        else
        {
            await VariablesAsync(context, runtime).ConfigureAwait(false);
        }
    }

    private static async Task DeleteKeyAsync(HttpContext context, SpaceRuntime runtime, bool secret)
    {
        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.KeyValue).ConfigureAwait(false);
        if (string.IsNullOrEmpty(request?.Key))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "\"key\" is required in the JSON body").ConfigureAwait(false);
            return;
        }

        lock (runtime.Gate)
        {
            if (secret)
            {
                runtime.Secrets.Remove(request.Key);
                runtime.SecretValues.Remove(request.Key);
            }
            else
            {
                runtime.Variables.Remove(request.Key);
            }
        }

        if (secret)
        {
            await SandboxHttp.WriteNodeAsync(context, new JsonObject()).ConfigureAwait(false);
        }
        else
        {
            await VariablesAsync(context, runtime).ConfigureAwait(false);
        }
    }

    private Task LogsAsync(HttpContext context, SpaceRuntime runtime)
    {
        var kind = SandboxHttp.Route(context, "kind");
        var log = kind switch
        {
            "build" => runtime.BuildLog,
            "run" => runtime.RunLog,
            _ => null,
        };
        if (log is null)
        {
            return SandboxHttp.ErrorAsync(context, StatusCodes.Status404NotFound, $"Unknown log kind '{kind}': expected build or run");
        }

        int? tail = int.TryParse(context.Request.Query["tail"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : null;
        return LogStreamWriter.WriteAsync(context, log, tail, services.TimeProvider, services.Options.LogKeepAlive);
    }

    /// <summary>An SSE status stream: the current runtime now and at every stage change until the client leaves.</summary>
    private static async Task EventsAsync(HttpContext context, SpaceRuntime runtime)
    {
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        var ct = context.RequestAborted;
        var last = "";
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var json = SpaceRuntimeJson.Answer(runtime);
                var stage = runtime.Stage;
                if (!string.Equals(stage, last, StringComparison.Ordinal))
                {
                    await context.Response.WriteAsync("event: status\ndata: " + JsonSerializer.Serialize(json, SandboxJsonContext.Relaxed.SpaceRuntimeAnswer) + "\n\n", ct).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                    last = stage;
                }

                await runtime.WaitForStageAsync(s => !string.Equals(s, last, StringComparison.Ordinal), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
    }
}
