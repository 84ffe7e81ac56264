using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Sandbox.Infrastructure;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// The app origin of one Space: its own Kestrel listener on a free loopback port. While the Space is
/// <c>RUNNING</c> it serves the simulated Gradio protocol from the manifest (or the files of a static Space);
/// otherwise it answers 503. Private Spaces need a Bearer token of a user with access, else 404.
/// </summary>
internal sealed class GradioAppServer : IAsyncDisposable
{
    private static readonly byte[] CloseStream = Encoding.UTF8.GetBytes("data: {\"msg\":\"close_stream\",\"event_id\":null}\n\n");

    private readonly WebApplication _app;
    private readonly SpaceRuntime _space;
    private readonly SandboxServices _services;
    private readonly ConcurrentDictionary<string, GradioSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (GradioEndpoint Endpoint, GradioOutcome Outcome)> _calls = new(StringComparer.Ordinal);
    private readonly string _uploads;
    private readonly SimulatedFiles _files;

    private GradioAppServer(WebApplication app, SpaceRuntime space, SandboxServices services)
    {
        _app = app;
        _space = space;
        _services = services;
        _uploads = Path.Combine(services.DataRoot, "space-uploads", space.Repo.ObjectId);
        _files = new SimulatedFiles(_uploads, () => Origin + (_space.Manifest?.ApiPrefix ?? string.Empty));
    }

    /// <summary>The app origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Origin { get; private set; } = "";

    public int Port { get; private set; }

    public static async Task<GradioAppServer> StartAsync(SpaceRuntime space, SandboxServices services, CancellationToken cancellationToken)
    {
        var builder = SandboxWebApplication.CreateBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        var server = new GradioAppServer(app, space, services);
        var faults = new FaultInjector(services.Options.Faults, services.FaultRandom, services.FaultGate, services.Statistics, spaceApp: true);
        app.Use(faults.InvokeAsync);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        server.Origin = "http://127.0.0.1:" + server.Port.ToString(CultureInfo.InvariantCulture);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (_services.Options.GradioPython is null)
        {
            context.Response.Headers["X-SpaceFactory-Simulated"] = "true";
        }

        _services.Statistics.CountRequest("SPACE-APP " + context.Request.Method + " " + context.Request.Path.Value);
        if (_space.Repo.Private && !HasAccess(context.Request))
        {
            await SandboxHttp.WriteTextAsync(context, "Not Found: this Space is private; send a Bearer token (Authorization or X-HF-Authorization) of a user with access.", StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        var stage = _space.Stage;
        var manifest = _space.Manifest;
        if (stage is not "RUNNING")
        {
            await SandboxHttp.WriteTextAsync(context, $"Space {_space.Repo.Id} is not running (stage {stage}).", StatusCodes.Status503ServiceUnavailable).ConfigureAwait(false);
            return;
        }

        if (_space.RealApp is { } real)
        {
            await RealAppProxy.ForwardAsync(context, real.Origin).ConfigureAwait(false);
            return;
        }

        if (_space.IsStatic || manifest is null)
        {
            await ServeStaticAsync(context).ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        var prefix = manifest.ApiPrefix;
        if (path is "/config" or "/config/" && HttpMethods.IsGet(method))
        {
            await SandboxHttp.WriteNodeAsync(context, GradioConfigBuilder.Build(manifest, Origin, _space.Repo.Id, AppId())).ConfigureAwait(false);
            return;
        }

        if (path is "/" or "" && HttpMethods.IsGet(method))
        {
            await SandboxHttp.WriteTextAsync(context, "<!doctype html><title>" + WebUtility.HtmlEncode(manifest.Title) + "</title><p>Simulated Gradio app (SpaceFactory Sandbox): no real inference runs here.</p>", contentType: "text/html; charset=utf-8").ConfigureAwait(false);
            return;
        }

        if (!path.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = "Not Found" }, StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        var route = path[prefix.Length..];
        switch (method)
        {
            case "GET" when route is "/info" or "/info/":
                await SandboxHttp.WriteNodeAsync(context, manifest.Info).ConfigureAwait(false);
                return;
            case "POST" when route.StartsWith("/call/v2/", StringComparison.Ordinal):
                await CallV2Async(context, manifest, route["/call/v2/".Length..].TrimEnd('/')).ConfigureAwait(false);
                return;
            case "POST" when route.StartsWith("/call/", StringComparison.Ordinal) && route.Count(c => c == '/') == 2:
                await CallAsync(context, manifest, route["/call/".Length..].TrimEnd('/')).ConfigureAwait(false);
                return;
            case "GET" when route.StartsWith("/call/", StringComparison.Ordinal):
                await CallResultAsync(context, manifest, route[(route.LastIndexOf('/') + 1)..]).ConfigureAwait(false);
                return;
            case "POST" when route.StartsWith("/run/", StringComparison.Ordinal) || route.StartsWith("/api/", StringComparison.Ordinal):
                // On Spaces api_open is False: the direct route refuses queued functions (routes.py::predict).
                await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = "This API endpoint does not accept direct HTTP POST requests. Please join the queue to use this API." }, StatusCodes.Status404NotFound).ConfigureAwait(false);
                return;
            case "GET" when route is "/upload_progress":
                context.Response.ContentType = "text/event-stream; charset=utf-8";
                await context.Response.WriteAsync("data: {\"msg\": \"done\"}\n\n", context.RequestAborted).ConfigureAwait(false);
                return;
            case "POST" when route is "/queue/join" or "/queue/join/":
                await JoinAsync(context, manifest).ConfigureAwait(false);
                return;
            case "GET" when route is "/queue/data" or "/queue/data/":
                await QueueDataAsync(context).ConfigureAwait(false);
                return;
            case "GET" when route is "/queue/status":
                await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["msg"] = "estimation", ["event_id"] = null, ["rank"] = null, ["queue_size"] = 0, ["rank_eta"] = null }).ConfigureAwait(false);
                return;
            case "GET" when route.StartsWith("/heartbeat/", StringComparison.Ordinal):
                await HeartbeatAsync(context).ConfigureAwait(false);
                return;
            case "POST" when route is "/upload" or "/upload/":
                await UploadAsync(context).ConfigureAwait(false);
                return;
            case "GET" or "HEAD" when route.StartsWith("/file=", StringComparison.Ordinal):
                await DownloadAsync(context, Uri.UnescapeDataString(route["/file=".Length..])).ConfigureAwait(false);
                return;
            case "GET" when route is "/app_id":
                await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["app_id"] = AppId() }).ConfigureAwait(false);
                return;
            default:
                await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = "Not Found" }, StatusCodes.Status404NotFound).ConfigureAwait(false);
                return;
        }
    }

    private bool HasAccess(HttpRequest request)
    {
        var (caller, _) = _services.Tokens.Authenticate(request, "X-HF-Authorization");
        if (caller is null)
        {
            (caller, _) = _services.Tokens.Authenticate(request, null);
        }

        return caller is not null && string.Equals(caller.User, _space.Repo.Namespace, StringComparison.OrdinalIgnoreCase);
    }

    private long AppId() => Math.Abs((long)_space.Repo.ObjectId.GetHashCode(StringComparison.Ordinal)) * 1000003L;

    private async Task CallAsync(HttpContext context, GradioManifest manifest, string apiName)
    {
        var body = await SandboxHttp.ReadObjectAsync(context).ConfigureAwait(false);
        if (body?["data"] is not JsonArray data)
        {
            await MissingDataAsync(context, body).ConfigureAwait(false);
            return;
        }

        var endpoint = manifest.Find(apiName);
        if (endpoint is null)
        {
            // Gradio: FnIndexInferError is unhandled => 500 text/plain.
            await SandboxHttp.WriteTextAsync(context, "Internal Server Error", StatusCodes.Status500InternalServerError).ConfigureAwait(false);
            return;
        }

        await StartCallAsync(context, endpoint, data).ConfigureAwait(false);
    }

    private async Task CallV2Async(HttpContext context, GradioManifest manifest, string apiName)
    {
        var body = await SandboxHttp.ReadObjectAsync(context).ConfigureAwait(false) ?? [];
        var endpoint = manifest.Find(apiName);
        if (endpoint is null)
        {
            await SandboxHttp.WriteTextAsync(context, "Internal Server Error", StatusCodes.Status500InternalServerError).ConfigureAwait(false);
            return;
        }

        var data = new JsonArray();
        foreach (var parameter in endpoint.Parameters)
        {
            var name = parameter?["parameter_name"]?.GetValue<string>() ?? parameter?["label"]?.GetValue<string>() ?? "";
            if (body.TryGetPropertyValue(name, out var value))
            {
                data.Add(value?.DeepClone());
            }
            else if (parameter?["parameter_has_default"] is JsonValue has && has.TryGetValue<bool>(out var hasDefault) && hasDefault)
            {
                data.Add(parameter["parameter_default"]?.DeepClone());
            }
            else
            {
                break;
            }
        }

        await StartCallAsync(context, endpoint, data).ConfigureAwait(false);
    }

    private Task StartCallAsync(HttpContext context, GradioEndpoint endpoint, JsonArray data)
    {
        var eventId = HexIds.New(32);
        _calls[eventId] = (endpoint, GradioSimulator.Run(endpoint, data, _files));
        return SandboxHttp.WriteNodeAsync(context, new JsonObject { ["event_id"] = eventId });
    }

    private async Task CallResultAsync(HttpContext context, GradioManifest manifest, string eventId)
    {
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        string text;
        if (!_calls.TryRemove(eventId, out var call))
        {
            text = "event: error\ndata: \"404: Not Found\"\n\n";
        }
        else if (call.Outcome.Success)
        {
            text = "event: complete\ndata: " + PythonJson.Serialize(call.Outcome.Outputs) + "\n\n";
        }
        else
        {
            var payload = manifest.CallErrorsCarryPayload ? PythonJson.Serialize(call.Outcome.ErrorPayload(manifest)) : "null";
            text = "event: error\ndata: " + payload + "\n\n";
        }

        await context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task JoinAsync(HttpContext context, GradioManifest manifest)
    {
        var body = await SandboxHttp.ReadObjectAsync(context).ConfigureAwait(false);
        if (body?["data"] is not JsonArray data)
        {
            await MissingDataAsync(context, body).ConfigureAwait(false);
            return;
        }

        var sessionHash = body["session_hash"] is JsonValue hash && hash.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrEmpty(sessionHash))
        {
            await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = "Session hash not found." }, StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        if (body["fn_index"] is not JsonValue fn || !fn.TryGetValue<int>(out var fnIndex))
        {
            await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = "No function index provided." }, StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        if (fnIndex < 0 || fnIndex >= manifest.Endpoints.Count)
        {
            await SandboxHttp.WriteTextAsync(context, "Internal Server Error", StatusCodes.Status500InternalServerError).ConfigureAwait(false);
            return;
        }

        var endpoint = manifest.Endpoints[fnIndex];
        var outcome = GradioSimulator.Run(endpoint, data, _files);
        var eventId = HexIds.New(32);
        var session = _sessions.GetOrAdd(sessionHash, static _ => new GradioSession());
        session.Join();
        session.Messages.Writer.TryWrite(new GradioQueueMessage(Message(w =>
        {
            w.WriteString("msg", "estimation");
            w.WriteString("event_id", eventId);
            w.WriteNumber("rank", 0);
            w.WriteNumber("queue_size", 1);
            w.WriteNull("rank_eta");
        }), false));
        session.Messages.Writer.TryWrite(new GradioQueueMessage(Message(w =>
        {
            w.WriteString("msg", "process_starts");
            w.WriteString("event_id", eventId);
            w.WriteNull("eta");
        }), false));
        session.Messages.Writer.TryWrite(new GradioQueueMessage(Completion(manifest, eventId, outcome), true));
        await SandboxHttp.WriteNodeAsync(context, new JsonObject { ["event_id"] = eventId }).ConfigureAwait(false);
    }

    private static byte[] Completion(GradioManifest manifest, string eventId, GradioOutcome outcome) => Message(w =>
    {
        w.WriteString("msg", "process_completed");
        w.WriteString("event_id", eventId);
        w.WritePropertyName("output");
        if (outcome.Success)
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            outcome.Outputs!.WriteTo(w);
            w.WriteBoolean("is_generating", false);
            w.WriteNumber("duration", 0.0001);
            w.WriteNumber("average_duration", 0.0001);
            w.WriteNull("render_config");
            w.WriteStartArray("changed_state_ids");
            w.WriteEndArray();
            w.WriteNull("used_cache");
            w.WriteEndObject();
        }
        else
        {
            outcome.ErrorPayload(manifest).WriteTo(w);
        }

        w.WriteBoolean("success", outcome.Success);
        if (outcome.Success)
        {
            w.WriteNull("title");
        }
        else
        {
            w.WriteString("title", "Error");
        }

        w.WriteNull("used_cache");
        if (outcome.Success)
        {
            w.WriteNumber("cache_duration", 0.0001);
            w.WriteNumber("avg_time", 0.0001);
        }
        else
        {
            w.WriteNull("cache_duration");
            w.WriteNull("avg_time");
        }
    });

    private static byte[] Message(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write("data: "u8);
        using (var writer = new Utf8JsonWriter(buffer, SandboxJsonContext.WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private async Task QueueDataAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        var ct = context.RequestAborted;
        var hash = context.Request.Query["session_hash"].ToString();
        if (!_sessions.TryGetValue(hash, out var session))
        {
            await response.Body.WriteAsync("data: {\"msg\":\"unexpected_error\",\"event_id\":null,\"message\":\"404: Not Found\",\"session_not_found\":true,\"success\":false}\n\n"u8.ToArray(), ct).ConfigureAwait(false);
            return;
        }

        try
        {
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
            while (await session.Messages.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (session.Messages.Reader.TryRead(out var message))
                {
                    await response.Body.WriteAsync(message.Json, ct).ConfigureAwait(false);
                    if (message.IsCompletion && session.Complete())
                    {
                        await response.Body.WriteAsync(CloseStream, ct).ConfigureAwait(false);
                        await response.Body.FlushAsync(ct).ConfigureAwait(false);
                        return;
                    }
                }

                await response.Body.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client closed the stream.
        }
    }

    private static async Task HeartbeatAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        var ct = context.RequestAborted;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync("data: ALIVE\n\n"u8.ToArray(), ct).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client closed the stream.
        }
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

            var temp = Path.Combine(_uploads, "incoming-" + HexIds.New(16));
            Directory.CreateDirectory(_uploads);
            string sha;
            var output = new FileStream(temp, FileMode.CreateNew);
            await using (output.ConfigureAwait(false))
            {
                await file.CopyToAsync(output, context.RequestAborted).ConfigureAwait(false);
                output.Position = 0;
                sha = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(output, context.RequestAborted).ConfigureAwait(false));
            }

            var folder = Path.Combine(_uploads, sha);
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
        if (!full.StartsWith(_uploads + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = "File not allowed: " + path }, StatusCodes.Status403Forbidden);
        }

        return Results.File(full, "application/octet-stream", Path.GetFileName(full), enableRangeProcessing: true).ExecuteAsync(context);
    }

    private Task ServeStaticAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "/").TrimStart('/');
        if (path.Length == 0)
        {
            path = "index.html";
        }

        if (!_space.Repo.Head.Tree.TryGetValue(path, out var file))
        {
            return SandboxHttp.WriteTextAsync(context, "Not Found", StatusCodes.Status404NotFound);
        }

        var contentType = path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? "text/html; charset=utf-8" : "application/octet-stream";
        return Results.Stream(file.Open(), contentType, enableRangeProcessing: true).ExecuteAsync(context);
    }

    private static Task MissingDataAsync(HttpContext context, JsonObject? body)
    {
        var detail = new JsonArray(new JsonObject
        {
            ["type"] = "missing",
            ["loc"] = new JsonArray("body", "data"),
            ["msg"] = "Field required",
            ["input"] = body?.DeepClone(),
        });
        return SandboxHttp.WriteNodeAsync(context, new JsonObject { ["detail"] = detail }, StatusCodes.Status422UnprocessableEntity);
    }
}
