using SpaceFactory.Hf.Gradio;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Gradio;

/// <summary>Every error a call can meet, typed and clear, from recordings of real servers.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class GradioErrorTests
{
    [Test]
    public async Task A_gr_Error_on_6x_carries_its_text_on_the_call_stream()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery().Call("generate", "generate-error-gr");
        var client = await host.ConnectAsync();

        var error = Assert.ThrowsAsync<GradioAppException>(() => client.CallAsync("/generate", [GradioValue.Text(""), GradioValue.Number(8)]));

        Assert.That(error!.AppMessage, Is.EqualTo("prompt must not be empty"));
        Assert.That(error.Message, Does.Contain("/generate raised an error: prompt must not be empty"));
        Assert.That(host.AppRequests.Any(r => r.Path.Contains("/queue/", StringComparison.Ordinal)), Is.False, "the text was there: no queue call");
    }

    [Test]
    public async Task On_4x_the_call_stream_hides_the_text_so_the_queue_fetches_it()
    {
        using var host = new GradioTestHost();
        host.Fixtures("4.44.1", "textgen").Discovery().Call("generate", "generate-error-gr").Queue("generate-error-gr");
        var client = await host.ConnectAsync();

        var error = Assert.ThrowsAsync<GradioAppException>(() => client.CallAsync("/generate", [GradioValue.Text(""), GradioValue.Number(8)]));

        Assert.That(error!.AppMessage, Is.EqualTo("prompt must not be empty"), "repr quotes of 4.x removed");
        Assert.That(host.AppRequests.Select(r => $"{r.Method} {r.Path}"), Does.Contain("POST /call/generate").And.Contain("POST /queue/join"));
    }

    [Test]
    public async Task An_app_that_hides_its_errors_gives_a_clear_hidden_error()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery().Call("generate", "generate-error-exc").Queue("generate-error-exc");
        var client = await host.ConnectAsync();

        var error = Assert.ThrowsAsync<GradioAppException>(() => client.CallAsync("/generate", [GradioValue.Text("Hello"), GradioValue.Number(600)]));

        Assert.That(error!.IsHidden, Is.True);
        Assert.That(error.Message, Does.Contain("hid its text (show_error=False)"));
    }

    [Test]
    public async Task Without_error_fetching_the_hidden_error_comes_straight_from_the_call_stream()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery().Call("generate", "generate-error-exc");
        var client = await host.ConnectAsync();

        var error = Assert.ThrowsAsync<GradioAppException>(() => client.CallAsync("/generate", [GradioValue.Text("Hello"), GradioValue.Number(600)], new GradioCallOptions { FetchErrorText = false }));

        Assert.That(error!.IsHidden, Is.True);
        Assert.That(host.AppRequests.Any(r => r.Path.Contains("/queue/", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task With_show_error_the_6x_call_stream_carries_an_exception_text()
    {
        using var host = new GradioTestHost();
        var showError = new GradioFixtures(host.App, "6.25.0", Path.Combine("textgen", "show_error"));
        showError.Get("/config", "config.json", "application/json");
        host.Fixtures("6.25.0", "textgen").Get("/gradio_api/info", "info.json", "application/json");
        showError.Call("generate", "generate-error-exc");
        var client = await host.ConnectAsync();

        var error = Assert.ThrowsAsync<GradioAppException>(() => client.CallAsync("/generate", [GradioValue.Text("Hello"), GradioValue.Number(600)]));

        Assert.That(error!.AppMessage, Is.EqualTo("max_new_tokens=600 exceeds the model limit of 512"));
    }

    [Test]
    public async Task An_unknown_endpoint_is_refused_before_any_request_naming_the_available_ones()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery();
        var client = await host.ConnectAsync();

        var error = Assert.ThrowsAsync<GradioEndpointNotFoundException>(() => client.CallAsync("/nosuch", [GradioValue.Text("x")]));

        Assert.That(error!.Message, Does.Contain("no endpoint '/nosuch'").And.Contain("/generate").And.Contain("/health"));
        Assert.That(host.AppRequests.Count(r => r.Method == "POST"), Is.Zero);
    }

    [Test]
    public async Task Too_many_or_missing_required_inputs_are_refused_naming_the_parameters()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery();
        var client = await host.ConnectAsync();

        var tooMany = Assert.ThrowsAsync<GradioValidationException>(() => client.CallAsync("/generate", [GradioValue.Text("a"), GradioValue.Number(1), GradioValue.Number(2)]));
        var missing = Assert.ThrowsAsync<GradioValidationException>(() => client.CallAsync("/generate", []));

        Assert.That(tooMany!.Message, Does.Contain("takes 2 input(s) (prompt, max_new_tokens?), but 3 were given"));
        Assert.That(missing!.Message, Does.Contain("'prompt'"));
        Assert.That(host.AppRequests.Count(r => r.Method == "POST"), Is.Zero);
    }

    [TestCase(422, "{\"detail\":[{\"msg\":\"value is not a valid list\"}]}", typeof(GradioValidationException), "value is not a valid list")]
    [TestCase(503, "{\"detail\":\"Queue is full! Please try again.\"}", typeof(GradioQueueFullException), "Queue is full")]
    [TestCase(401, "", typeof(GradioAccessException), "refused (401)")]
    [TestCase(500, "Internal Server Error", typeof(GradioProtocolException), "500")]
    public async Task Error_statuses_become_typed_errors(int status, string body, Type expected, string text)
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery();
        host.App.Given(Request.Create().UsingPost().WithPath("/gradio_api/call/generate"))
            .RespondWith(Response.Create().WithStatusCode(status).WithBody(body));
        var client = await host.ConnectAsync();

        var error = Assert.CatchAsync<GradioException>(() => client.CallAsync("/generate", [GradioValue.Text("x")]));

        Assert.That(error, Is.TypeOf(expected));
        Assert.That(error!.Message, Does.Contain(text));
        Assert.That((int?)error.StatusCode, Is.EqualTo(status));
    }

    [Test]
    public async Task A_stream_that_ends_without_complete_is_an_error()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery();
        Stub(host, "event: generating\ndata: [\"partial\"]\n\n");
        var client = await host.ConnectAsync();

        var error = Assert.ThrowsAsync<GradioStreamException>(() => client.CallAsync("/generate", [GradioValue.Text("x")]));

        Assert.That(error!.Message, Does.Contain("ended without a 'complete' event"));
    }

    [TestCase("event: complete\ndata: not json\n\n", "unreadable outputs")]
    [TestCase("event: complete\ndata: {\"a\":1}\n\n", "not a list")]
    [TestCase("event: error\ndata: \"404: Not Found\"\n\n", "does not know this call")]
    public async Task Garbage_on_the_result_stream_is_a_stream_error(string sse, string text)
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery();
        Stub(host, sse);
        var client = await host.ConnectAsync();

        var error = Assert.ThrowsAsync<GradioStreamException>(() => client.CallAsync("/generate", [GradioValue.Text("x")], new GradioCallOptions { FetchErrorText = false }));

        Assert.That(error!.Message, Does.Contain(text));
    }

    [TestCase("text/html", "<html><body>Space is building</body></html>", "HTML page")]
    [TestCase("application/json", "{not json", "not JSON")]
    public async Task A_config_that_is_not_gradio_json_is_a_protocol_error(string contentType, string body, string text)
    {
        using var host = new GradioTestHost();
        host.App.Given(Request.Create().UsingGet().WithPath("/config")).RespondWith(Response.Create().WithHeader("Content-Type", contentType).WithBody(body));

        var error = Assert.ThrowsAsync<GradioProtocolException>(() => host.ConnectAsync());

        Assert.That(error!.Message, Does.Contain(text));
    }

    [Test]
    public async Task A_private_app_without_a_token_is_an_access_error()
    {
        using var host = new GradioTestHost();
        host.App.Given(Request.Create().UsingGet().WithPath("/config")).RespondWith(Response.Create().WithStatusCode(404));

        var error = Assert.ThrowsAsync<GradioAccessException>(() => host.ConnectAsync());

        Assert.That(error!.Message, Does.Contain("private Space"));
    }

    internal static void Stub(GradioTestHost host, string sse)
    {
        host.App.Given(Request.Create().UsingPost().WithPath("/gradio_api/call/generate"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"event_id\":\"ev1\"}"));
        host.App.Given(Request.Create().UsingGet().WithPath("/gradio_api/call/generate/ev1"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/event-stream").WithBody(sse));
    }
}
