using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Hf.Tests.Hub;

[TestFixture]
public class CancellationTests
{
    /// <summary>Guards the awaits below against a hang; nothing here waits on the wall clock otherwise.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Cancelling_the_token_cancels_a_pending_request()
    {
        using var server = new BlackHoleServer();
        using var host = new HubTestHost(o => o.Endpoint = server.Url);
        using var cts = new CancellationTokenSource();

        var call = host.Client.GetSpaceRuntimeAsync(RepoId.Parse("testuser/app"), cts.Token);
        Assert.That(await server.FirstRequest.WaitAsync(Guard), Is.EqualTo("GET /api/spaces/testuser/app/runtime HTTP/1.1"));
        Assert.That(call.IsCompleted, Is.False, "the server holds the answer: the request is pending");

        await cts.CancelAsync();

        var ex = Assert.CatchAsync<OperationCanceledException>(() => call.WaitAsync(Guard));
        Assert.That(ex!.CancellationToken, Is.EqualTo(cts.Token));
    }

    [Test]
    public void An_already_cancelled_token_sends_nothing()
    {
        using var host = new HubTestHost();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => host.Client.WhoAmIAsync(cts.Token));
        Assert.That(host.Requests, Is.Empty);
    }

    [Test]
    public async Task Cancelling_stops_a_log_stream_that_is_still_open()
    {
        using var server = new BlackHoleServer();
        using var host = new HubTestHost(o => o.Endpoint = server.Url);
        using var cts = new CancellationTokenSource();

        var reading = ReadAllAsync(host.Client.StreamSpaceLogsAsync(RepoId.Parse("testuser/app"), SpaceLogKind.Run, cts.Token));
        Assert.That(await server.FirstRequest.WaitAsync(Guard), Is.EqualTo("GET /api/spaces/testuser/app/logs/run HTTP/1.1"));

        await cts.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(() => reading.WaitAsync(Guard));
    }

    private static async Task<int> ReadAllAsync(IAsyncEnumerable<SpaceLogLine> lines)
    {
        var count = 0;
        await foreach (var _ in lines)
        {
            count++;
        }

        return count;
    }
}
