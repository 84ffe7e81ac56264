using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Gradio;

namespace SpaceFactory.Sandbox.Tests.Gradio;

/// <summary>
/// A Space simulating Gradio 4.44.1 answers as the recorded 4.44.1 server does: the same key sets in <c>/config</c>,
/// its dependencies and components, and the queue messages (no 6.x-only keys), <c>gr.Error</c> text in its repr
/// quotes, a plain exception's text alone under <c>show_error</c>, and <c>null</c> for errors on <c>/call</c>.
/// </summary>
[TestFixture]
public sealed class Gradio4FidelityTests
{
    private HfSandbox _sandbox = null!;
    private HttpClient _app = null!;

    private static JsonObject Recorded(string name) => JsonNode.Parse(GradioRecordings.Read("4.44.1", name))!.AsObject();

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero, CompileCheck = false });
        using var hub = new SandboxTestClient(_sandbox, _sandbox.DefaultToken);
        await hub.CreateRepoAsync("app4");
        await hub.CommitAsync("sandbox-user/app4", SandboxApps.Files("4.44.1"));
        Assert.That(await _sandbox.Inspector.WaitForSpaceSettledAsync("sandbox-user/app4", timeout.Token), Is.EqualTo("RUNNING"));
        _app = new HttpClient { BaseAddress = _sandbox.Inspector.GetSpaceHost("sandbox-user/app4") };
        _app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _sandbox.DefaultToken);
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        _app.Dispose();
        await _sandbox.DisposeAsync();
    }

    private async Task<string> QueueAsync(int fnIndex, string data, string session)
    {
        var join = await _app.PostAsync("/queue/join", SandboxTestClient.Json($$"""{"data":{{data}},"event_data":null,"fn_index":{{fnIndex}},"trigger_id":null,"session_hash":"{{session}}"}"""));
        Assert.That(join.IsSuccessStatusCode, Is.True, await join.Content.ReadAsStringAsync());
        return await _app.GetStringAsync("/queue/data?session_hash=" + session);
    }

    private async Task<string> CallAsync(string api, string body)
    {
        var post = await _app.PostAsync("/call/" + api, SandboxTestClient.Json(body));
        var eventId = (await SandboxTestClient.ReadJsonAsync(post))["event_id"]!.GetValue<string>();
        return await _app.GetStringAsync($"/call/{api}/{eventId}");
    }

    private static List<string> Shapes(string sse) => [.. sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
        .Select(e => JsonNode.Parse(e["data: ".Length..])!.AsObject())
        .Select(m => m["msg"]!.GetValue<string>() + ":" + string.Join(",", m.Select(p => p.Key)) + (m["output"] is JsonObject o ? "/" + string.Join(",", o.Select(p => p.Key)) : ""))];

    [Test]
    public async Task Config_has_exactly_the_keys_of_the_recorded_4_44_1_config()
    {
        var config = (await SandboxTestClient.ReadJsonAsync(await _app.GetAsync("/config"))).AsObject();
        var real = Recorded("config.json");

        Assert.Multiple(() =>
        {
            Assert.That(config.Select(p => p.Key).Where(k => k is not "spacefactory_simulated"), Is.EqualTo(real.Select(p => p.Key)));
            Assert.That(config["show_api"]!.GetValue<bool>(), Is.True);
            Assert.That(config["version"]!.GetValue<string>(), Is.EqualTo("4.44.1"));
            Assert.That(config["protocol"]!.GetValue<string>(), Is.EqualTo(real["protocol"]!.GetValue<string>()));
            Assert.That(config["dependencies"]![0]!.AsObject().Select(p => p.Key), Is.EqualTo(real["dependencies"]![0]!.AsObject().Select(p => p.Key)));
            Assert.That(config["components"]![0]!.AsObject().Select(p => p.Key), Is.EqualTo(real["components"]![0]!.AsObject().Select(p => p.Key)));
            var stream = config["dependencies"]!.AsArray().Single(d => d!["api_name"]!.GetValue<string>() == "generate_stream")!;
            Assert.That(stream["types"]!.ToJsonString(), Is.EqualTo(real["dependencies"]![1]!["types"]!.ToJsonString()), "generate_stream is a generator in both");
        });
    }

    [Test]
    public async Task Info_keeps_show_api_and_has_no_6_x_keys()
    {
        var info = (await SandboxTestClient.ReadJsonAsync(await _app.GetAsync("/info"))).AsObject();
        var real = Recorded("info.json");

        Assert.That(info["named_endpoints"]!["/generate"]!.AsObject().Select(p => p.Key), Is.EqualTo(real["named_endpoints"]!["/generate"]!.AsObject().Select(p => p.Key)));
    }

    [Test]
    public async Task A_generator_streams_the_recorded_4_44_1_messages()
    {
        var data = await QueueAsync(5, """["Once upon a time",5]""", "stream4hash1");
        var call = await CallAsync("generate_stream", """{"data": ["Once upon a time", 5]}""");

        Assert.That(GradioRecordings.Normalised(data), Is.EqualTo(GradioRecordings.Normalised(GradioRecordings.Read("4.44.1", "queue-generate_stream.data.sse"))));
        Assert.That(call, Is.EqualTo(GradioRecordings.Read("4.44.1", "call-generate_stream.sse")));
    }

    [Test]
    public async Task A_completion_has_the_recorded_4_44_1_keys()
    {
        var data = await QueueAsync(1, "[]", "health4hash1");

        Assert.That(Shapes(data), Is.EqualTo(Shapes(GradioRecordings.Read("4.44.1", "queue-health.data.sse"))));
    }

    [Test]
    public async Task A_gr_Error_carries_its_repr_quotes_and_call_errors_are_null()
    {
        var data = await QueueAsync(4, """["x"]""", "error4hash1");
        var call = await CallAsync("fail", """{"data": ["x"]}""");
        var recorded = GradioRecordings.Read("4.44.1", "queue-generate-error-gr.data.sse");
        var completed = JsonNode.Parse(data.Split("\n\n")[2]["data: ".Length..])!;

        Assert.That(Shapes(data), Is.EqualTo(Shapes(recorded)));
        Assert.That(JsonNode.Parse(recorded.Split("\n\n")[2]["data: ".Length..])!["output"]!["error"]!.GetValue<string>(), Is.EqualTo("'prompt must not be empty'"), "the recording's quotes");
        Assert.That(completed["output"]!["error"]!.GetValue<string>(), Is.EqualTo("'boom'"));
        Assert.That(call, Is.EqualTo(GradioRecordings.Read("4.44.1", "call-generate-error-gr.sse")));
    }

    [Test]
    public void A_plain_exception_under_show_error_is_its_text_alone_as_recorded()
    {
        var json = SandboxApps.Files("4.44.1")[GradioManifest.FileName].Replace("\"title\": \"tiny-gpt2 demo\",", "\"title\": \"tiny-gpt2 demo\", \"show_error\": true,", StringComparison.Ordinal);
        var manifest = GradioManifest.TryParse(Encoding.UTF8.GetBytes(json), out var error) ?? throw new AssertionException(error);
        var outcome = new GradioOutcome(null, "max_new_tokens=600 exceeds the model limit of 512", IsGrError: false);

        var message = Encoding.UTF8.GetString(GradioQueueMessages.Completion(manifest, "EVENT", outcome));

        var recorded = GradioRecordings.Read("4.44.1", "show_error-queue-generate-error-exc.data.sse").Split("\n\n")[2] + "\n\n";
        Assert.That(manifest.ShowError, Is.True);
        Assert.That(GradioRecordings.Normalised(message), Is.EqualTo(GradioRecordings.Normalised(recorded)));
    }

    [TestCase("boom", "'boom'")]
    [TestCase("it's", "\"it's\"")]
    [TestCase("say \"hi\" it's", "'say \"hi\" it\\'s'")]
    [TestCase("a\\b\nc", "'a\\\\b\\nc'")]
    public void Repr_quotes_like_python(string text, string expected)
    {
        Assert.That(PythonJson.Repr(text), Is.EqualTo(expected));
    }
}
