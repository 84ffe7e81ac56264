using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>The simulated Gradio app of a RUNNING Space, compared with a real Gradio 6.25.0 server's recorded answers.</summary>
[TestFixture]
public sealed class GradioProtocolTests
{
    private HfSandbox _sandbox = null!;
    private HttpClient _app = null!;
    private HttpClient _app5 = null!;
    private CancellationTokenSource _timeout = null!;

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "gradio-6.25.0", name));

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero, CompileCheck = false });
        using var hub = new SandboxTestClient(_sandbox, _sandbox.DefaultToken);
        _app = await StartSpaceAsync(hub, "app6", "6.25.0");
        _app5 = await StartSpaceAsync(hub, "app5", "5.49.1");
    }

    private async Task<HttpClient> StartSpaceAsync(SandboxTestClient hub, string name, string version)
    {
        await hub.CreateRepoAsync(name);
        await hub.CommitAsync("sandbox-user/" + name, SandboxApps.Files(version));
        Assert.That(await _sandbox.Inspector.WaitForSpaceSettledAsync("sandbox-user/" + name, _timeout.Token), Is.EqualTo("RUNNING"));
        var client = new HttpClient { BaseAddress = _sandbox.Inspector.GetSpaceHost("sandbox-user/" + name) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _sandbox.DefaultToken);
        return client;
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        _app.Dispose();
        _app5.Dispose();
        await _sandbox.DisposeAsync();
        _timeout.Dispose();
    }

    private static async Task<string> CallAsync(HttpClient app, string api, string body)
    {
        var post = await app.PostAsync("/gradio_api/call/" + api, SandboxTestClient.Json(body));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var eventId = (await SandboxTestClient.ReadJsonAsync(post))["event_id"]!.GetValue<string>();
        Assert.That(eventId, Does.Match("^[0-9a-f]{32}$"));
        return await app.GetStringAsync($"/gradio_api/call/{api}/{eventId}");
    }

    /// <summary>The keys of each queue message of an SSE body, in order.</summary>
    private static List<string> MessageShapes(string sse) => sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
        .Select(e => JsonNode.Parse(e["data: ".Length..])!.AsObject())
        .Select(m => m["msg"]!.GetValue<string>() + ":" + string.Join(",", m.Select(p => p.Key)) + (m["output"] is JsonObject o ? "/" + string.Join(",", o.Select(p => p.Key)) : ""))
        .ToList();

    [Test]
    public async Task Config_has_the_keys_of_a_real_6_25_config_plus_the_simulated_flag()
    {
        var response = await _app.GetAsync("/config");
        var config = (await SandboxTestClient.ReadJsonAsync(response)).AsObject();
        var real = JsonNode.Parse(Fixture("config.json"))!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("X-SpaceFactory-Simulated").Single(), Is.EqualTo("true"));
            Assert.That(config.Select(p => p.Key), Is.SupersetOf(real.Select(p => p.Key)));
            Assert.That(config["spacefactory_simulated"]!.GetValue<bool>(), Is.True);
            Assert.That(config["version"]!.GetValue<string>(), Is.EqualTo("6.25.0"));
            Assert.That(config["protocol"]!.GetValue<string>(), Is.EqualTo("sse_v3"));
            Assert.That(config["api_prefix"]!.GetValue<string>(), Is.EqualTo("/gradio_api"));
            Assert.That(config["root"]!.GetValue<string>(), Is.EqualTo(_app.BaseAddress!.ToString().TrimEnd('/')));
            Assert.That(config["space_id"]!.GetValue<string>(), Is.EqualTo("sandbox-user/app6"));
            Assert.That(config["dependencies"]![0]!.AsObject().Select(p => p.Key), Is.EqualTo(real["dependencies"]![0]!.AsObject().Select(p => p.Key)));
            Assert.That(config["dependencies"]!.AsArray().Select(d => d!["api_name"]!.GetValue<string>()), Is.EqualTo(new[] { "generate", "health", "classify", "echo", "fail", "generate_stream" }));
            Assert.That(config["dependencies"]![0]!["inputs"]!.AsArray().Count, Is.EqualTo(2));
            Assert.That(config["components"]![0]!.AsObject().Select(p => p.Key), Is.EqualTo(real["components"]![0]!.AsObject().Select(p => p.Key)));
        });
    }

    [Test]
    public async Task Config_of_a_5_x_app_uses_show_api_instead_of_api_visibility()
    {
        var config = await SandboxTestClient.ReadJsonAsync(await _app5.GetAsync("/config"));

        Assert.That(config["dependencies"]![0]!["show_api"]!.GetValue<bool>(), Is.True);
        Assert.That(config["dependencies"]![0]!.AsObject().ContainsKey("api_visibility"), Is.False);
    }

    [Test]
    public async Task Info_is_the_manifest_info_verbatim()
    {
        var info = await SandboxTestClient.ReadJsonAsync(await _app.GetAsync("/gradio_api/info"));
        var manifest = JsonNode.Parse(SandboxApps.Manifest)!["info"]!;

        Assert.That(JsonNode.DeepEquals(info, manifest), Is.True);
    }

    [Test]
    public async Task Call_streams_complete_with_python_json_like_the_real_server()
    {
        var health = await CallAsync(_app, "health", """{"data": []}""");
        var generate = await CallAsync(_app, "generate", """{"data": ["Hello world", 8]}""");
        var echo = await CallAsync(_app, "echo", """{"data": ["é", 2.5]}""");
        var real = Fixture("call-health.sse");

        Assert.That(real, Does.Match("^event: complete\ndata: \\[\\{\"status\": \"ok\", .*\\}\\]\n\n$"));
        Assert.That(health, Is.EqualTo("event: complete\ndata: [{\"status\": \"ok\", \"simulated\": true}]\n\n"));
        Assert.That(generate, Is.EqualTo("event: complete\ndata: [\"Hello world [simulated continuation]\"]\n\n"));
        Assert.That(echo, Is.EqualTo("event: complete\ndata: [\"\\u00e9\", 2.5]\n\n"));
    }

    [Test]
    public async Task Call_errors_follow_the_version_6_13_plus_and_5_x_formats()
    {
        var error6 = await CallAsync(_app, "fail", """{"data": ["x"]}""");
        var error5 = await CallAsync(_app5, "fail", """{"data": ["x"]}""");
        var tooFew = await CallAsync(_app, "generate", """{"data": []}""");

        Assert.That(Fixture("call-generate-error-gr.sse"), Is.EqualTo("event: error\ndata: {\"error\": \"prompt must not be empty\", \"duration\": 10, \"visible\": true, \"title\": \"Error\"}\n\n"));
        Assert.That(error6, Is.EqualTo("event: error\ndata: {\"error\": \"boom\", \"duration\": 10, \"visible\": true, \"title\": \"Error\"}\n\n"));
        Assert.That(error5, Is.EqualTo("event: error\ndata: null\n\n"));
        Assert.That(tooFew, Is.EqualTo(Fixture("call-generate-default.sse")));
    }

    [Test]
    public async Task Call_v2_fills_defaults_from_the_info()
    {
        var post = await _app.PostAsync("/gradio_api/call/v2/generate", SandboxTestClient.Json("""{"prompt": "Hi"}"""));
        var eventId = (await SandboxTestClient.ReadJsonAsync(post))["event_id"]!.GetValue<string>();

        Assert.That(await _app.GetStringAsync("/gradio_api/call/generate/" + eventId), Is.EqualTo("event: complete\ndata: [\"Hi [simulated continuation]\"]\n\n"));
    }

    [Test]
    public async Task Call_error_cases_answer_like_the_real_server()
    {
        var unknownApi = await _app.PostAsync("/gradio_api/call/nosuch", SandboxTestClient.Json("""{"data": ["x"]}"""));
        var missingData = await _app.PostAsync("/gradio_api/call/generate", SandboxTestClient.Json("""{"nodata": 1}"""));
        var unknownEvent = await _app.GetStringAsync("/gradio_api/call/generate/doesnotexist");

        Assert.That(unknownApi.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(await unknownApi.Content.ReadAsStringAsync(), Is.EqualTo("Internal Server Error"));
        Assert.That(missingData.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((await SandboxTestClient.ReadJsonAsync(missingData))["detail"]![0]!["loc"]![1]!.GetValue<string>(), Is.EqualTo("data"));
        Assert.That(unknownEvent, Is.EqualTo(Fixture("call-unknown-event.sse")));
    }

    [Test]
    public async Task Queue_join_and_data_send_the_real_message_sequence()
    {
        var join = await _app.PostAsync("/gradio_api/queue/join", SandboxTestClient.Json("""{"data":[],"event_data":null,"fn_index":1,"trigger_id":null,"session_hash":"qdyf4l7h7gr"}"""));
        var eventId = (await SandboxTestClient.ReadJsonAsync(join))["event_id"]!.GetValue<string>();
        var data = await _app.GetStringAsync("/gradio_api/queue/data?session_hash=qdyf4l7h7gr");
        var completed = JsonNode.Parse(data.Split("\n\n")[2]["data: ".Length..])!;

        Assert.That(MessageShapes(data), Is.EqualTo(MessageShapes(Fixture("queue-health.data.sse"))));
        Assert.That(completed["event_id"]!.GetValue<string>(), Is.EqualTo(eventId));
        Assert.That(completed["output"]!["data"]!.ToJsonString(), Is.EqualTo("""[{"status":"ok","simulated":true}]"""));
        Assert.That(data, Does.EndWith("data: {\"msg\":\"close_stream\",\"event_id\":null}\n\n"));
    }

    [Test]
    public async Task Queue_errors_carry_success_false_and_the_message()
    {
        await _app.PostAsync("/gradio_api/queue/join", SandboxTestClient.Json("""{"data":["x"],"fn_index":4,"session_hash":"errsession1"}"""));
        var data = await _app.GetStringAsync("/gradio_api/queue/data?session_hash=errsession1");
        var completed = JsonNode.Parse(data.Split("\n\n")[2]["data: ".Length..])!;

        Assert.That(MessageShapes(data), Is.EqualTo(MessageShapes(Fixture("queue-generate-error-gr.data.sse"))));
        Assert.That(completed["success"]!.GetValue<bool>(), Is.False);
        Assert.That(completed["output"]!["error"]!.GetValue<string>(), Is.EqualTo("boom"));
    }

    [Test]
    public async Task One_data_stream_serves_every_event_joined_before_it_closes()
    {
        await _app.PostAsync("/gradio_api/queue/join", SandboxTestClient.Json("""{"data":["a"],"fn_index":2,"session_hash":"multi"}"""));
        await _app.PostAsync("/gradio_api/queue/join", SandboxTestClient.Json("""{"data":["b", 1],"fn_index":3,"session_hash":"multi"}"""));

        var data = await _app.GetStringAsync("/gradio_api/queue/data?session_hash=multi");

        Assert.That(MessageShapes(data).Count(m => m.StartsWith("process_completed", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(MessageShapes(data)[^1], Does.StartWith("close_stream"));
    }

    [Test]
    public async Task Queue_error_cases_answer_like_the_real_server()
    {
        var noSession = await _app.PostAsync("/gradio_api/queue/join", SandboxTestClient.Json("""{"data":[],"fn_index":1}"""));
        var badFn = await _app.PostAsync("/gradio_api/queue/join", SandboxTestClient.Json("""{"data":[],"fn_index":99,"session_hash":"x"}"""));
        var unknownSession = await _app.GetStringAsync("/gradio_api/queue/data?session_hash=nosuchsession");

        Assert.That(noSession.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await noSession.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Session hash not found."}"""));
        Assert.That(badFn.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(unknownSession, Is.EqualTo(Fixture("queue-data-unknown-session.sse")));
    }

    [Test]
    public async Task The_direct_run_route_is_closed_like_on_Spaces_and_upload_progress_is_done()
    {
        var run = await _app.PostAsync("/gradio_api/run/generate", SandboxTestClient.Json("""{"data": ["x"]}"""));
        var progress = await _app.GetStringAsync("/gradio_api/upload_progress?upload_id=abc");

        Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await SandboxTestClient.ReadJsonAsync(run))["detail"]!.GetValue<string>(), Does.Contain("join the queue"));
        Assert.That(progress, Is.EqualTo("data: {\"msg\": \"done\"}\n\n"));
    }

    [Test]
    public async Task A_private_space_app_is_404_without_a_token_of_a_user_with_access()
    {
        var host = _sandbox.Inspector.GetSpaceHost("sandbox-user/app6")!;
        using var anonymous = new HttpClient { BaseAddress = host };
        using var other = new HttpClient { BaseAddress = host };
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _sandbox.IssueToken("someone-else"));
        using var python = new HttpClient { BaseAddress = host };
        python.DefaultRequestHeaders.Add("X-HF-Authorization", "Bearer " + _sandbox.DefaultToken);

        Assert.That((await anonymous.GetAsync("/config")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await other.GetAsync("/config")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await python.GetAsync("/config")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Upload_stores_files_and_serves_them_back()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("hello fixture\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "files", "hello.txt");

        var upload = await _app.PostAsync("/gradio_api/upload", form);
        var path = (await SandboxTestClient.ReadJsonAsync(upload))[0]!.GetValue<string>();
        var download = await _app.GetStringAsync("/gradio_api/file=" + path);
        var outside = await _app.GetAsync("/gradio_api/file=/etc/passwd");

        Assert.That(path, Does.EndWith("/hello.txt"));
        Assert.That(download, Is.EqualTo("hello fixture\n"));
        Assert.That(outside.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Gradio_4_manifests_are_served_without_prefix()
    {
        using var hub = new SandboxTestClient(_sandbox, _sandbox.DefaultToken);
        using var app4 = await StartSpaceAsync(hub, "app4", "4.44.1");

        var config = await SandboxTestClient.ReadJsonAsync(await app4.GetAsync("/config"));
        var info = await app4.GetAsync("/info");

        Assert.That(config.AsObject().ContainsKey("api_prefix"), Is.False);
        Assert.That(info.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
