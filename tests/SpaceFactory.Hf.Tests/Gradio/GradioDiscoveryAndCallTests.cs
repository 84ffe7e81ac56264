using System.Text.Json;
using SpaceFactory.Hf.Gradio;

namespace SpaceFactory.Hf.Tests.Gradio;

/// <summary>Discovery and calls against recordings of real Gradio 4.44.1 (no prefix) and 6.25.0 (/gradio_api) servers.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class GradioDiscoveryAndCallTests
{
    [TestCase("6.25.0", "/gradio_api")]
    [TestCase("4.44.1", "")]
    public async Task Connect_reads_config_at_the_root_and_info_under_the_prefix(string version, string prefix)
    {
        using var host = new GradioTestHost();
        host.Fixtures(version, "textgen").Discovery();

        var client = await host.ConnectAsync();

        Assert.That(client.App.Version, Is.EqualTo(version));
        Assert.That(client.App.ApiPrefix, Is.EqualTo(prefix));
        Assert.That(client.App.Protocol, Is.EqualTo("sse_v3"));
        Assert.That(client.App.IsSimulated, Is.False);
        Assert.That(host.AppRequests.Select(r => $"{r.Method} {r.Path}"), Is.EqualTo(new[] { "GET /config", $"GET {prefix}/info" }));
        var generate = client.Schema.Find("/generate")!;
        Assert.That(generate.FnIndex, Is.EqualTo(0));
        Assert.That(generate.Parameters.Select(p => (p.Name, p.Required, p.Component)), Is.EqualTo(new[] { ("prompt", true, "Textbox"), ("max_new_tokens", false, "Slider") }));
        Assert.That(generate.Parameters[1].Default!.Value.GetInt32(), Is.EqualTo(20));
        Assert.That(client.Schema.Find("generate_stream")!.Generator, Is.True);
        Assert.That(client.Schema.Find("/health"), Is.Not.Null);
    }

    [TestCase("6.25.0")]
    [TestCase("4.44.1")]
    public async Task CallAsync_posts_the_data_without_a_session_and_reads_the_complete_event(string version)
    {
        using var host = new GradioTestHost();
        host.Fixtures(version, "textgen").Discovery().Call("generate", "generate");
        var client = await host.ConnectAsync();

        var result = await client.CallAsync("/generate", [GradioValue.Text("Hello world"), GradioValue.Number(8)]);

        Assert.That(result.GetString(), Is.EqualTo("Hello world jumps over the lazy dog the quick brown"));
        Assert.That(result.Protocol, Is.EqualTo("call"));
        Assert.That(result.ApiName, Is.EqualTo("/generate"));
        var post = host.AppRequests.Single(r => r.Method == "POST");
        Assert.That(post.Path, Is.EqualTo(client.App.ApiPrefix + "/call/generate"));
        Assert.That(post.Body, Is.EqualTo("{\"data\":[\"Hello world\",8]}"));
        Assert.That(post.Headers!["Content-Type"].Single(), Does.StartWith("application/json"));
        Assert.That(host.AppRequests.Single(r => r.Path.Contains("/call/generate/", StringComparison.Ordinal)).Headers!["Accept"].Single(), Is.EqualTo("text/event-stream"));
    }

    [Test]
    public async Task A_missing_optional_input_is_filled_with_its_default_because_call_does_not()
    {
        using var host = new GradioTestHost();
        var fixtures = host.Fixtures("6.25.0", "textgen").Discovery();
        host.App.Given(WireMock.RequestBuilders.Request.Create().UsingPost().WithPath("/gradio_api/call/generate").WithBody(new WireMock.Matchers.JsonMatcher("{\"data\":[\"Hello world\",20]}")))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"event_id\":\"e1\"}"));
        fixtures.Get("/gradio_api/call/generate/e1", "call-v2-generate-default.sse", "text/event-stream");
        var client = await host.ConnectAsync();

        var result = await client.CallAsync("generate", [GradioValue.Text("Hello world")]);

        Assert.That(result.GetString().Split(' '), Has.Length.EqualTo(22), "the prompt's two words and the default 20");
    }

    [Test]
    public async Task Classify_returns_a_label_with_confidences()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "classify").Discovery().Call("classify", "classify");
        var client = await host.ConnectAsync();

        var result = await client.CallAsync("/classify", [GradioValue.Text("I love this, great movie")]);

        Assert.That(result.Outputs[0].GetProperty("label").GetString(), Is.EqualTo("POSITIVE"));
        Assert.That(result.Outputs[0].GetProperty("confidences").GetArrayLength(), Is.EqualTo(3));
    }

    [TestCase("6.25.0")]
    [TestCase("4.44.1")]
    public async Task The_queue_protocol_joins_with_fn_index_and_reads_process_completed(string version)
    {
        using var host = new GradioTestHost();
        host.Fixtures(version, "textgen").Discovery().Queue("generate");
        var client = await host.ConnectAsync();

        var result = await client.CallAsync("/generate", [GradioValue.Text("Hello world"), GradioValue.Number(8)], new GradioCallOptions { Protocol = GradioProtocolPreference.Queue });

        Assert.That(result.GetString(), Is.EqualTo("Hello world jumps over the lazy dog the quick brown"));
        Assert.That(result.Protocol, Is.EqualTo("queue"));
        var join = host.AppRequests.Single(r => r.Method == "POST");
        using var body = JsonDocument.Parse(join.Body!);
        Assert.That(body.RootElement.GetProperty("fn_index").GetInt32(), Is.Zero);
        Assert.That(body.RootElement.GetProperty("session_hash").GetString(), Does.Match("^[a-z0-9]{11}$"));
        var data = host.AppRequests.Single(r => r.Path.EndsWith("/queue/data", StringComparison.Ordinal));
        Assert.That(data.Query!["session_hash"].Single(), Is.EqualTo(body.RootElement.GetProperty("session_hash").GetString()));
    }

    [Test]
    public async Task Streaming_through_call_yields_every_generating_value_then_complete()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery().Call("generate_stream", "generate_stream");
        var client = await host.ConnectAsync();

        var updates = new List<GradioUpdate>();
        await foreach (var update in client.StreamAsync("/generate_stream", [GradioValue.Text("Once upon a time"), GradioValue.Number(5)]))
        {
            updates.Add(update);
        }

        Assert.That(updates.Select(u => u.Kind), Is.EqualTo(Enumerable.Repeat(GradioUpdateKind.Generating, 5).Append(GradioUpdateKind.Complete)));
        Assert.That(updates[0].Outputs[0].GetString(), Is.EqualTo("Once upon a time over"));
        Assert.That(updates[^1].Outputs[0].GetString(), Is.EqualTo(updates[^2].Outputs[0].GetString()));
    }

    [Test]
    public async Task Streaming_through_the_queue_applies_the_diffs()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery().Queue("generate_stream");
        var client = await host.ConnectAsync();

        var texts = new List<string>();
        await foreach (var update in client.StreamAsync("generate_stream", [GradioValue.Text("Once upon a time"), GradioValue.Number(5)], new GradioCallOptions { Protocol = GradioProtocolPreference.Queue }))
        {
            texts.Add(update.Outputs[0].GetString()!);
        }

        Assert.That(texts, Is.EqualTo(new[]
        {
            "Once upon a time over", "Once upon a time over the", "Once upon a time over the lazy", "Once upon a time over the lazy dog",
            "Once upon a time over the lazy dog the", "Once upon a time over the lazy dog the",
        }));
    }

    [Test]
    public async Task Api_schema_serialises_as_the_recorded_api_schema_json()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery();
        var client = await host.ConnectAsync();

        using var json = JsonDocument.Parse(client.Schema.ToJson());

        Assert.That(json.RootElement.GetProperty("schema_version").GetInt32(), Is.EqualTo(1));
        Assert.That(json.RootElement.GetProperty("gradio_version").GetString(), Is.EqualTo("6.25.0"));
        Assert.That(json.RootElement.GetProperty("source").GetProperty("api_prefix").GetString(), Is.EqualTo("/gradio_api"));
        var endpoints = json.RootElement.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("api_name").GetString()).ToList();
        Assert.That(endpoints, Is.EquivalentTo(new[] { "/generate", "/generate_stream", "/health" }));
    }
}
