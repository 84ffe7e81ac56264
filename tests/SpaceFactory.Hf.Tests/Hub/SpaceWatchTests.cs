using SpaceFactory.Hf.Hub;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Hub;

/// <summary><see cref="HubClient.WatchSpaceRuntimeAsync"/>: the status stream first, polling where the Hub offers none.</summary>
[TestFixture]
public class SpaceWatchTests
{
    private static readonly RepoId Space = RepoId.Parse("user/tmp_test_space");

    [Test]
    public async Task Watch_follows_the_status_stream_with_one_request_and_reports_each_stage_once()
    {
        using var host = new HubTestHost();
        const string sse = "event: status\ndata: {\"stage\":\"BUILDING\",\"hardware\":{\"current\":null,\"requested\":\"cpu-basic\"}}\n\n"
            + ": keep-alive\n\n"
            + "event: status\ndata: {\"stage\":\"BUILDING\"}\n\n"
            + "event: metrics\ndata: not a runtime\n\n"
            + "event: status\ndata: {\"stage\":\"APP_STARTING\"}\n\n"
            + "event: status\ndata: {\"stage\":\"RUNNING\",\"hardware\":{\"current\":\"cpu-basic\",\"requested\":\"cpu-basic\"}}\n\n";
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/events").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(sse));

        var stages = new List<string>();
        SpaceRuntime? last = null;
        await foreach (var runtime in host.Client.WatchSpaceRuntimeAsync(Space))
        {
            stages.Add(runtime.Stage.Value);
            last = runtime;
            if (runtime.Stage.IsRunning)
            {
                break;
            }
        }

        var request = host.SingleRequest();
        RequestAssert.IsHubCall(request, "GET", "/api/spaces/user/tmp_test_space/events");
        Assert.Multiple(() =>
        {
            Assert.That(RequestAssert.Header(request, "Accept"), Is.EqualTo("text/event-stream"));
            Assert.That(stages, Is.EqualTo(new[] { "BUILDING", "APP_STARTING", "RUNNING" }));
            Assert.That(last!.Hardware!.Current, Is.EqualTo("cpu-basic"));
        });
    }

    [Test]
    public async Task Watch_polls_the_runtime_when_the_hub_has_no_status_stream()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/events").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json").WithBody("""{"error":"Not Found"}"""));
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/runtime").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(HubRecordings.RuntimeBuilding));

        SpaceRuntime? first = null;
        await foreach (var runtime in host.Client.WatchSpaceRuntimeAsync(Space))
        {
            first = runtime;
            break;
        }

        Assert.That(first!.Stage, Is.EqualTo(SpaceStage.Building));
        var paths = host.Requests.Select(r => r.Path).ToList();
        Assert.That(paths, Is.EqualTo(new[] { "/api/spaces/user/tmp_test_space/events", "/api/spaces/user/tmp_test_space/runtime" }));
    }

    [Test]
    public async Task Watch_without_the_stream_option_only_polls()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/runtime").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(HubRecordings.RuntimeBuilding));

        await foreach (var runtime in host.Client.WatchSpaceRuntimeAsync(Space, new SpaceWatchOptions { UseEventStream = false }))
        {
            Assert.That(runtime.Stage, Is.EqualTo(SpaceStage.Building));
            break;
        }

        RequestAssert.IsHubCall(host.SingleRequest(), "GET", "/api/spaces/user/tmp_test_space/runtime");
    }
}
