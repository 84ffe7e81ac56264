using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SpaceFactory.Hf.Gradio;

namespace SpaceFactory.Hf.Tests.Gradio;

/// <summary>
/// A hostile or broken app cannot exhaust the client: endless JSON answers and endless SSE lines or events end after
/// at most about the limit (the typed error names the option), and trickles or heartbeat-only streams end at the
/// deadline of the whole read or call, measured on a fake clock.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class GradioLimitTests
{
    private const long Limit = 256 * 1024;

    /// <summary>What one read may take past the limit: a read buffer of the client or of the test stream.</summary>
    private const long Slack = 64 * 1024;

    [TestCase("/config")]
    [TestCase("/gradio_api/info")]
    public async Task An_endless_json_answer_stops_at_MaxJsonBytes(string path)
    {
        var endless = new EndlessBodyHandler(path, "application/json", "{\"components\":[", "{\"id\":1,\"type\":\"textbox\"},");
        using var host = new GradioTestHost(services => services.AddHttpClient(GradioClientFactory.ClientName).AddHttpMessageHandler(() => endless));
        host.Fixtures("6.25.0", "textgen").Discovery();

        var error = Assert.ThrowsAsync<GradioProtocolException>(() => host.Factory.ConnectAsync(host.AppUrl, new GradioConnectOptions { MaxJsonBytes = Limit }));

        Assert.That(error!.Message, Does.Contain("MaxJsonBytes").And.Contain("256 KiB").And.Contain(path));
        Assert.That(endless.BytesRead, Is.InRange(Limit, Limit + Slack));
        Assert.That(error.IsTransient, Is.False, "an app that answers endlessly will do so again: not retried");
    }

    [TestCase("data: ", "x", TestName = "An_endless_sse_line_stops_at_MaxSseEventBytes")]
    [TestCase("event: generating\n", "data: 1\n", TestName = "An_endless_sse_event_of_short_lines_stops_at_MaxSseEventBytes")]
    public async Task An_endless_sse_event_stops_at_MaxSseEventBytes(string head, string pattern)
    {
        var endless = new EndlessBodyHandler("/call/generate/ev1", "text/event-stream", head, pattern);
        using var host = new GradioTestHost(services => services.AddHttpClient(GradioClientFactory.StreamClientName).AddHttpMessageHandler(() => endless));
        host.Fixtures("6.25.0", "textgen").Discovery();
        GradioErrorTests.Stub(host, string.Empty);
        var client = await host.Factory.ConnectAsync(host.AppUrl, new GradioConnectOptions { MaxSseEventBytes = Limit });

        var error = Assert.ThrowsAsync<GradioProtocolException>(() => client.CallAsync("/generate", [GradioValue.Text("x")]));

        Assert.That(error!.Message, Does.Contain("MaxSseEventBytes").And.Contain("256 KiB").And.Contain("/gradio_api/call/generate/ev1"));
        Assert.That(endless.BytesRead, Is.InRange(Limit, Limit + Slack));
        Assert.That(error.IsTransient, Is.False);
    }

    [Test]
    public async Task Many_events_each_under_the_limit_pass()
    {
        var events = string.Concat(Enumerable.Repeat("event: heartbeat\ndata: null\n\n", 20_000)) + "event: complete\ndata: [\"done\"]\n\n";
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery();
        GradioErrorTests.Stub(host, events);
        var client = await host.Factory.ConnectAsync(host.AppUrl, new GradioConnectOptions { MaxSseEventBytes = 64 });

        var result = await client.CallAsync("/generate", [GradioValue.Text("x")]);

        Assert.That(result.GetString(), Is.EqualTo("done"), "the limit is per event, not per stream (the stream is ~560 KB here)");
    }

    [Test]
    public async Task A_stream_of_only_heartbeats_ends_at_CallTimeout()
    {
        var clock = new FakeTimeProvider();
        var heartbeats = new EndlessBodyHandler("/call/generate/ev1", "text/event-stream", string.Empty, "event: heartbeat\ndata: null\n\n", bytesPerRead: 1024, onRead: () => clock.Advance(TimeSpan.FromSeconds(15)));
        using var host = new GradioTestHost(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddHttpClient(GradioClientFactory.StreamClientName).AddHttpMessageHandler(() => heartbeats);
        });
        host.Fixtures("6.25.0", "textgen").Discovery();
        GradioErrorTests.Stub(host, string.Empty);
        var client = await host.Factory.ConnectAsync(host.AppUrl, new GradioConnectOptions { CallTimeout = TimeSpan.FromMinutes(2) });
        var started = clock.GetUtcNow();

        var error = Assert.ThrowsAsync<GradioProtocolException>(() => client.CallAsync("/generate", [GradioValue.Text("x")]));

        Assert.That(error!.Message, Does.Contain("CallTimeout").And.Contain("2 min").And.Contain("/generate"));
        Assert.That(clock.GetUtcNow() - started, Is.InRange(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(30)), "ended at the deadline, not at an idle timeout or never");
        Assert.That(error.IsTransient, Is.False);
    }

    [Test]
    public void A_config_trickled_a_byte_at_a_time_ends_at_ConnectTimeout()
    {
        var clock = new FakeTimeProvider();
        var trickle = new EndlessBodyHandler("/config", "application/json", "{\"components\":[", " ", bytesPerRead: 1, onRead: () => clock.Advance(TimeSpan.FromSeconds(1)));
        using var host = new GradioTestHost(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddHttpClient(GradioClientFactory.ClientName).AddHttpMessageHandler(() => trickle);
        });
        var started = clock.GetUtcNow();

        var error = Assert.ThrowsAsync<GradioProtocolException>(() => host.Factory.ConnectAsync(host.AppUrl, new GradioConnectOptions { ConnectTimeout = TimeSpan.FromSeconds(30) }));

        Assert.That(error!.Message, Does.Contain("ConnectTimeout").And.Contain("30 s"));
        Assert.That(clock.GetUtcNow() - started, Is.InRange(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(32)));
        Assert.That(trickle.BytesRead, Is.LessThan(40), "one byte a second for the 30 s allowed");
    }
}
