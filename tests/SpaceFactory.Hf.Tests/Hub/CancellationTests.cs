using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf.Hub;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Hub;

[TestFixture]
public class CancellationTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Cancelling_the_token_cancels_a_pending_request()
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = new HubTestHost(services: s => s.AddHttpClient(nameof(HubClient)).AddHttpMessageHandler(() => new SignalHandler(sent)));

        // The server holds the answer far longer than the test lasts; only cancellation can end the call.
        host.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromMinutes(5)).WithBody(HubRecordings.RuntimeStatic));
        using var cts = new CancellationTokenSource();

        var call = host.Client.GetSpaceRuntimeAsync(RepoId.Parse("testuser/app"), cts.Token);
        await sent.Task.WaitAsync(Guard);
        Assert.That(call.IsCompleted, Is.False, "the request is pending");

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
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithDelay(TimeSpan.FromMinutes(5)).WithBody("data: {}\n\n"));
        using var cts = new CancellationTokenSource();
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var reading = Task.Run(async () =>
        {
            sent.TrySetResult();
            await foreach (var _ in host.Client.StreamSpaceLogsAsync(RepoId.Parse("testuser/app"), SpaceLogKind.Run, cts.Token))
            {
            }
        });
        await sent.Task.WaitAsync(Guard);
        await cts.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(() => reading.WaitAsync(Guard));
    }

    /// <summary>Signals when a request leaves the client pipeline for the network.</summary>
    private sealed class SignalHandler(TaskCompletionSource sent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.TrySetResult();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
