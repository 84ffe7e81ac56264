using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf.Gradio;

namespace SpaceFactory.Hf.Tests.Gradio;

/// <summary>SSE framing the result reader must survive: heartbeats, CRLF, several data lines, bodies split anywhere.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class GradioStreamEdgeCaseTests
{
    [TestCase("event: heartbeat\ndata: null\n\nevent: complete\ndata: [\"ok\"]\n\n", "ok")]
    [TestCase("event: heartbeat\r\ndata: null\r\n\r\nevent: complete\r\ndata: [\"crlf\"]\r\n\r\n", "crlf")]
    [TestCase("event: complete\ndata: [\"a\",\ndata:  \"b\"]\n\n", "a")]
    [TestCase(": a comment\nevent: mystery\ndata: {}\n\nevent: complete\ndata: [\"unknown events ignored\"]\n\n", "unknown events ignored")]
    [TestCase("event:complete\ndata:[\"no space after colon\"]\n\n", "no space after colon")]
    public async Task The_reader_accepts_every_valid_framing(string sse, string expected)
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery();
        GradioErrorTests.Stub(host, sse);
        var client = await host.ConnectAsync();

        var result = await client.CallAsync("/generate", [GradioValue.Text("x")]);

        Assert.That(result.GetString(), Is.EqualTo(expected));
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(7)]
    public async Task Events_split_across_reads_are_reassembled(int bytesPerRead)
    {
        using var host = new GradioTestHost(services =>
            services.AddHttpClient(GradioClientFactory.StreamClientName).AddHttpMessageHandler(() => new TrickleHandler(bytesPerRead)));
        host.Fixtures("6.25.0", "textgen").Discovery().Call("generate_stream", "generate_stream").Queue("generate_stream");
        var client = await host.ConnectAsync();

        var viaCall = await client.CallAsync("/generate_stream", [GradioValue.Text("Once upon a time"), GradioValue.Number(5)]);
        var viaQueue = await client.CallAsync("/generate_stream", [GradioValue.Text("Once upon a time"), GradioValue.Number(5)], new GradioCallOptions { Protocol = GradioProtocolPreference.Queue });

        Assert.That(viaCall.GetString(), Is.EqualTo("Once upon a time over the lazy dog the"));
        Assert.That(viaCall.UpdateCount, Is.EqualTo(5));
        Assert.That(viaQueue.GetString(), Is.EqualTo(viaCall.GetString()));
    }

    [Test]
    public async Task Cancelling_a_call_closes_its_stream()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery().Call("generate_stream", "generate_stream");
        var client = await host.ConnectAsync();
        using var cancel = new CancellationTokenSource();

        var seen = 0;
        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.StreamAsync("/generate_stream", [GradioValue.Text("Once upon a time"), GradioValue.Number(5)], cancellationToken: cancel.Token))
            {
                seen++;
                await cancel.CancelAsync();
            }
        });

        Assert.That(seen, Is.EqualTo(1));
    }
}
