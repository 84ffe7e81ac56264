using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SpaceFactory.Hf.Gradio;

namespace SpaceFactory.Hf.Tests.Gradio;

/// <summary>
/// The bounds of one call after its fast path (one token source, the caller's token linked into it only when it can
/// cancel, none without a deadline): the caller's cancellation stays a cancellation, no deadline means none, and a
/// silent result stream still ends at the idle timeout. All on a fake clock.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class GradioCallBoundsTests
{
    [Test]
    public async Task Cancelling_a_call_within_its_deadline_is_a_cancellation_not_a_timeout()
    {
        var clock = new FakeTimeProvider();
        using var cancel = new CancellationTokenSource();
        var reads = 0;
        var heartbeats = new EndlessBodyHandler("/call/generate/ev1", "text/event-stream", string.Empty, "event: heartbeat\ndata: null\n\n", bytesPerRead: 64, onRead: () =>
        {
            clock.Advance(TimeSpan.FromSeconds(15));
            if (++reads == 3)
            {
                cancel.Cancel();
            }
        });
        using var host = HostWith(clock, heartbeats);
        var client = await host.Factory.ConnectAsync(host.AppUrl, new GradioConnectOptions { CallTimeout = TimeSpan.FromMinutes(2) });

        Assert.CatchAsync<OperationCanceledException>(() => client.CallAsync("/generate", [GradioValue.Text("x")], cancellationToken: cancel.Token));

        Assert.That(reads, Is.InRange(3, 4), "the stream stopped at the caller's cancellation");
    }

    [Test]
    public async Task Without_a_CallTimeout_only_the_caller_ends_a_heartbeat_stream()
    {
        var clock = new FakeTimeProvider();
        var started = clock.GetUtcNow();
        using var cancel = new CancellationTokenSource();
        var heartbeats = new EndlessBodyHandler("/call/generate/ev1", "text/event-stream", string.Empty, "event: heartbeat\ndata: null\n\n", bytesPerRead: 64, onRead: () =>
        {
            clock.Advance(TimeSpan.FromSeconds(15));
            if (clock.GetUtcNow() - started >= TimeSpan.FromMinutes(20))
            {
                cancel.Cancel();
            }
        });
        using var host = HostWith(clock, heartbeats);
        var client = await host.Factory.ConnectAsync(host.AppUrl, new GradioConnectOptions { CallTimeout = Timeout.InfiniteTimeSpan });

        Assert.CatchAsync<OperationCanceledException>(() => client.CallAsync("/generate", [GradioValue.Text("x")], cancellationToken: cancel.Token));

        Assert.That(clock.GetUtcNow() - started, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(20)), "no deadline: the call ran past the default 5 minutes");
    }

    [Test]
    public async Task A_silent_result_stream_ends_at_StreamIdleTimeout()
    {
        var clock = new FakeTimeProvider();
        var silent = new SilentBodyHandler("/call/generate/ev1");
        using var host = HostWith(clock, silent);
        var client = await host.Factory.ConnectAsync(host.AppUrl, new GradioConnectOptions { StreamIdleTimeout = TimeSpan.FromSeconds(30) });
        var started = clock.GetUtcNow();

        var call = client.CallAsync("/generate", [GradioValue.Text("x")]);
        await silent.Reading;
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.That(call.IsCompleted, Is.False, "still within the idle timeout");
        clock.Advance(TimeSpan.FromSeconds(1));

        var error = Assert.ThrowsAsync<HfStreamIdleException>(() => call);
        Assert.That(error!.Message, Does.Contain("30 s").And.Contain("/gradio_api/call/generate/ev1"));
        Assert.That(clock.GetUtcNow() - started, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public async Task A_stream_of_only_heartbeats_ends_at_CallTimeout_when_streamed_too()
    {
        var clock = new FakeTimeProvider();
        var heartbeats = new EndlessBodyHandler("/call/generate/ev1", "text/event-stream", string.Empty, "event: heartbeat\ndata: null\n\n", bytesPerRead: 1024, onRead: () => clock.Advance(TimeSpan.FromSeconds(15)));
        using var host = HostWith(clock, heartbeats);
        var client = await host.Factory.ConnectAsync(host.AppUrl, new GradioConnectOptions { CallTimeout = TimeSpan.FromMinutes(1) });

        var error = Assert.ThrowsAsync<GradioProtocolException>(async () =>
        {
            await foreach (var _ in client.StreamAsync("/generate", [GradioValue.Text("x")]))
            {
            }
        });

        Assert.That(error!.Message, Does.Contain("CallTimeout").And.Contain("1 min").And.Contain("/generate"));
    }

    private static GradioTestHost HostWith(FakeTimeProvider clock, DelegatingHandler streams)
    {
        var host = new GradioTestHost(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddHttpClient(GradioClientFactory.StreamClientName).AddHttpMessageHandler(() => streams);
        });
        host.Fixtures("6.25.0", "textgen").Discovery();
        GradioErrorTests.Stub(host, string.Empty);
        return host;
    }

    /// <summary>Answers the stream's headers, then never sends a byte: each read waits until it is cancelled.</summary>
    private sealed class SilentBodyHandler(string pathSuffix) : DelegatingHandler
    {
        private readonly TaskCompletionSource _reading = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the client first waits for a byte.</summary>
        public Task Reading => _reading.Task;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal))
            {
                return base.SendAsync(request, cancellationToken);
            }

            var content = new StreamContent(new SilentStream(_reading));
            content.Headers.TryAddWithoutValidation("Content-Type", "text/event-stream");
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }

        private sealed class SilentStream(TaskCompletionSource reading) : MemoryStream
        {
            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                reading.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return 0;
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        }
    }
}
