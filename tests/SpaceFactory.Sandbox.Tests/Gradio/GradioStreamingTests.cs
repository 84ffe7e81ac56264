using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Gradio;

namespace SpaceFactory.Sandbox.Tests.Gradio;

/// <summary>
/// Generators in a simulated app (<c>"stream"</c> chunks in the manifest) against the recordings of a real Gradio 6.25.0
/// generator: the same prompt gives the same messages, the yields after the first in Gradio's diff encoding.
/// </summary>
[TestFixture]
public sealed class GradioStreamingTests
{
    private HfSandbox _sandbox = null!;
    private HttpClient _app = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero, CompileCheck = false });
        using var hub = new SandboxTestClient(_sandbox, _sandbox.DefaultToken);
        await hub.CreateRepoAsync("streams");
        await hub.CommitAsync("sandbox-user/streams", SandboxApps.Files("6.25.0"));
        Assert.That(await _sandbox.Inspector.WaitForSpaceSettledAsync("sandbox-user/streams", timeout.Token), Is.EqualTo("RUNNING"));
        _app = new HttpClient { BaseAddress = _sandbox.Inspector.GetSpaceHost("sandbox-user/streams") };
        _app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _sandbox.DefaultToken);
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        _app.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Test]
    public async Task Config_marks_only_the_streaming_endpoint_as_a_generator()
    {
        var config = await SandboxTestClient.ReadJsonAsync(await _app.GetAsync("/config"));

        var generators = config["dependencies"]!.AsArray().ToDictionary(d => d!["api_name"]!.GetValue<string>(), d => d!["types"]!["generator"]!.GetValue<bool>());
        Assert.That(generators.Where(g => g.Value).Select(g => g.Key), Is.EqualTo(new[] { "generate_stream" }));
    }

    [Test]
    public async Task Queue_stream_sends_the_recorded_messages_with_diffs_after_the_first_yield()
    {
        var join = await _app.PostAsync("/gradio_api/queue/join", SandboxTestClient.Json("""{"data":["Once upon a time",5],"event_data":null,"fn_index":5,"trigger_id":null,"session_hash":"streamhash1"}"""));
        var eventId = (await SandboxTestClient.ReadJsonAsync(join))["event_id"]!.GetValue<string>();

        var data = await _app.GetStringAsync("/gradio_api/queue/data?session_hash=streamhash1");

        var recorded = GradioRecordings.Normalised(GradioRecordings.Read("6.25.0", "queue-generate_stream.data.sse"));
        Assert.That(GradioRecordings.Normalised(data), Is.EqualTo(recorded));
        Assert.That(data, Does.Contain("\"event_id\":\"" + eventId + "\""));
        Assert.That(recorded.Count(m => m.Contains("process_generating", StringComparison.Ordinal)), Is.EqualTo(5), "the recording itself has five yields");
    }

    [Test]
    public async Task Call_stream_sends_every_yield_in_full_then_complete_like_the_recording()
    {
        var post = await _app.PostAsync("/gradio_api/call/generate_stream", SandboxTestClient.Json("""{"data": ["Once upon a time", 5]}"""));
        var eventId = (await SandboxTestClient.ReadJsonAsync(post))["event_id"]!.GetValue<string>();

        var events = await _app.GetStringAsync("/gradio_api/call/generate_stream/" + eventId);

        Assert.That(events, Is.EqualTo(GradioRecordings.Read("6.25.0", "call-generate_stream.sse")));
    }

    [Test]
    public void Diff_follows_gradio_utils_diff_for_text_lists_dicts_and_type_changes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(GradioStream.Diff(JsonValue.Create("Once"), JsonValue.Create("Once upon")).ToJsonString(), Is.EqualTo("""[["append",[]," upon"]]"""));
            Assert.That(GradioStream.Diff(JsonValue.Create("abc"), JsonValue.Create("xyz")).ToJsonString(), Is.EqualTo("""[["replace",[],"xyz"]]"""));
            Assert.That(GradioStream.Diff(JsonValue.Create("abc"), JsonValue.Create("abc")).ToJsonString(), Is.EqualTo("[]"));
            Assert.That(GradioStream.Diff(JsonNode.Parse("[1,2,3]"), JsonNode.Parse("[1,5]")).ToJsonString(), Is.EqualTo("""[["replace",[1],5],["delete",[2],null]]"""));
            Assert.That(GradioStream.Diff(JsonNode.Parse("[1]"), JsonNode.Parse("[1,{\"a\":1}]")).ToJsonString(), Is.EqualTo("""[["add",[1],{"a":1}]]"""));
            Assert.That(GradioStream.Diff(JsonNode.Parse("""{"a":"x","b":1}"""), JsonNode.Parse("""{"a":"xy","c":2}""")).ToJsonString(),
                Is.EqualTo("""[["append",["a"],"y"],["delete",["b"],null],["add",["c"],2]]"""));
            Assert.That(GradioStream.Diff(JsonValue.Create(1), JsonValue.Create("1")).ToJsonString(), Is.EqualTo("""[["replace",[],"1"]]"""));
            Assert.That(GradioStream.Diff(null, JsonNode.Parse("[]")).ToJsonString(), Is.EqualTo("""[["replace",[],[]]]"""));
        });
    }

    [Test]
    public void A_streamed_chat_reply_grows_in_the_last_message_and_diffs_append_to_its_content()
    {
        var simulation = new JsonObject { ["mode"] = "chat", ["stream"] = new JsonArray("Hel", "lo", "!") };
        var endpoint = new GradioEndpoint("/chat", 0, [new JsonObject { ["component"] = "Chatbot" }], [new JsonObject { ["component"] = "Chatbot" }], "chat", simulation);
        var conversation = JsonNode.Parse("""[[{"role":"user","content":"Hi"}]]""")!.AsArray();

        var outcome = GradioStream.Apply(endpoint, GradioSimulator.Run(endpoint, conversation));

        Assert.That(endpoint.IsGenerator, Is.True);
        Assert.That(outcome.Steps!.Select(s => s[0]!.AsArray()[^1]!["content"]!.GetValue<string>()), Is.EqualTo(new[] { "Hel", "Hello", "Hello!" }));
        Assert.That(outcome.Outputs!.ToJsonString(), Is.EqualTo("""[[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"}]]"""));
        Assert.That(GradioStream.QueueData(outcome.Steps!, 0).ToJsonString(), Is.EqualTo(outcome.Steps![0].ToJsonString()));
        Assert.That(GradioStream.QueueData(outcome.Steps!, 1).ToJsonString(), Is.EqualTo("""[[["append",[1,"content"],"lo"]]]"""));
    }

    [Test]
    public void A_failing_generator_fails_without_yields()
    {
        var simulation = new JsonObject { ["mode"] = "error", ["message"] = "no", ["stream"] = new JsonArray("a") };
        var endpoint = new GradioEndpoint("/g", 0, [], [new JsonObject()], "error", simulation);

        var outcome = GradioStream.Apply(endpoint, GradioSimulator.Run(endpoint, []));

        Assert.That(outcome.Success, Is.False);
        Assert.That(outcome.Steps, Is.Null);
    }
}
