using System.Text.Json;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceFactory.Hf.Tests.Gradio;

/// <summary>
/// Serves the byte-exact recordings of real Gradio servers (Fixtures/gradio/&lt;version&gt;/&lt;app&gt;/, copied from the
/// shared fixtures) from a WireMock server: every body and content type is what the real server sent.
/// </summary>
internal sealed class GradioFixtures(WireMockServer server, string version, string app)
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "gradio");

    public string Prefix => version.StartsWith('4') ? string.Empty : "/gradio_api";

    public string Folder => Path.Combine(Root, version, app);

    public static string Read(string version, string app, string file) => File.ReadAllText(Path.Combine(Root, version, app, file));

    /// <summary>GET /config and GET {prefix}/info.</summary>
    public GradioFixtures Discovery()
    {
        Get("/config", "config.json", "application/json");
        Get(Prefix + "/info", "info.json", "application/json");
        return this;
    }

    /// <summary>
    /// The POST of a <c>*.post.json</c> capture (matched on its JSON body; a partial match on <c>data</c> and
    /// <c>fn_index</c> for queue joins, whose session hash is the client's own), answered as recorded.
    /// </summary>
    public GradioFixtures Post(string captureFile, bool partialBody = false)
    {
        using var capture = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, captureFile)));
        var request = capture.RootElement.GetProperty("request");
        var recorded = request.GetProperty("body");
        var body = partialBody && recorded.TryGetProperty("fn_index", out var fnIndex)
            ? "{\"data\":" + recorded.GetProperty("data").GetRawText() + ",\"fn_index\":" + fnIndex.GetRawText() + "}"
            : recorded.GetRawText();
        var status = capture.RootElement.GetProperty("status").GetInt32();
        var contentType = Header(capture.RootElement.GetProperty("response_headers"), "content-type") ?? "application/json";
        server.Given(Request.Create().UsingPost().WithPath(request.GetProperty("path").GetString()!)
                .WithBody(partialBody ? new JsonPartialMatcher(body) : new JsonMatcher(body)))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType)
                .WithBody(capture.RootElement.GetProperty("response_raw").GetString()!));
        return this;
    }

    /// <summary>The SSE result stream of a <c>/call</c> capture: GET {prefix}/call/{api}/{event_id}.</summary>
    public GradioFixtures CallStream(string api, string postFile, string sseFile)
    {
        using var capture = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, postFile)));
        var eventId = capture.RootElement.GetProperty("ids").GetProperty("event_id").GetString();
        Get($"{Prefix}/call/{api}/{eventId}", sseFile, "text/event-stream; charset=utf-8");
        return this;
    }

    /// <summary>A whole <c>/call</c>: the POST and its stream (files <c>call-{name}.post.json</c> and <c>call-{name}.sse</c>).</summary>
    public GradioFixtures Call(string api, string name)
    {
        Post($"call-{name}.post.json");
        return CallStream(api, $"call-{name}.post.json", $"call-{name}.sse");
    }

    /// <summary>A whole queue call: the join (matched on data and fn_index; the session hash is the client's) and the data stream.</summary>
    public GradioFixtures Queue(string name)
    {
        Post($"queue-{name}.join.post.json", partialBody: true);
        Get(Prefix + "/queue/data", $"queue-{name}.data.sse", "text/event-stream; charset=utf-8");
        return this;
    }

    public void Get(string path, string file, string contentType) =>
        server.Given(Request.Create().UsingGet().WithPath(path))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(File.ReadAllBytes(Path.Combine(Folder, file))));

    private static string? Header(JsonElement headers, string name) =>
        headers.EnumerateArray().Select(h => h.GetString()!).Where(h => h.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            .Select(h => h[(name.Length + 1)..].Trim()).FirstOrDefault();
}
