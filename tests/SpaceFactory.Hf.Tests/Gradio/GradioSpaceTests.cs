using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf.Gradio;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceFactory.Hf.Tests.Gradio;

/// <summary>Connecting by Space id: runtime checks, the host from the Hub, and where the token goes (and where it does not).</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class GradioSpaceTests
{
    private static readonly RepoId Space = RepoId.Parse("owner/private-app");

    private static void StubSpace(GradioTestHost host, params string[] stages)
    {
        for (var i = 0; i < stages.Length; i++)
        {
            var builder = host.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/owner/private-app/runtime")).InScenario("runtime");
            builder = i == 0 ? builder.WhenStateIs(null!) : builder.WhenStateIs($"s{i}");
            builder.WillSetStateTo(i + 1 < stages.Length ? $"s{i + 1}" : $"s{i}")
                .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                    .WithBody($"{{\"stage\":\"{stages[i]}\",\"hardware\":{{\"current\":null,\"requested\":\"cpu-basic\"}},\"errorMessage\":\"{(stages[i].EndsWith("ERROR", StringComparison.Ordinal) ? "ModuleNotFoundError: no module named torch" : string.Empty)}\"}}"));
        }

        host.Hub.Given(Request.Create().UsingGet().WithPath("/api/spaces/owner/private-app"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody($"{{\"id\":\"owner/private-app\",\"private\":true,\"sdk\":\"gradio\",\"host\":\"{host.App.Url}\",\"subdomain\":\"owner-private-app\"}}"));
        host.Hub.Given(Request.Create().UsingPost().WithPath("/api/spaces/owner/private-app/restart"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{\"stage\":\"BUILDING\"}"));
    }

    [Test]
    public async Task The_token_goes_to_the_space_host_and_the_hub_but_never_to_a_host_an_answer_points_at()
    {
        using var files = WireMockServer.Start();
        files.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithBody("hello file"));
        using var host = new GradioTestHost();
        StubSpace(host, "RUNNING");
        var fixtures = host.Fixtures("6.25.0", "reverse").Discovery();
        fixtures.Post("call-make_file.post.json");
        var sse = GradioFixtures.Read("6.25.0", "reverse", "call-make_file.sse").Replace("http://127.0.0.1:7863", files.Url!, StringComparison.Ordinal);
        host.App.Given(Request.Create().UsingGet().WithPath("/gradio_api/call/make_file/*"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/event-stream").WithBody(sse));

        var client = await host.Factory.ConnectToSpaceAsync(Space);
        var result = await client.CallAsync("/make_file", [GradioValue.Text("hello file")]);
        await using var download = await client.DownloadAsync(result.GetFile());
        using var reader = new StreamReader(download);

        Assert.That(await reader.ReadToEndAsync(), Is.EqualTo("hello file"));
        Assert.That(client.App.SpaceId, Is.EqualTo("owner/private-app"));
        foreach (var request in host.AppRequests)
        {
            Assert.That(request.Headers!.ContainsKey("Authorization"), Is.False, "the app gets the token in X-HF-Authorization only: " + request.Path);
            Assert.That(request.Headers!["X-HF-Authorization"].Single(), Is.EqualTo("Bearer " + GradioTestHost.Token), request.Path);
        }

        Assert.That(host.HubRequests.All(r => r.Headers!["Authorization"].Single() == "Bearer " + GradioTestHost.Token), Is.True);
        var fileRequest = files.LogEntries.Single().RequestMessage!;
        Assert.That(fileRequest.Headers!.ContainsKey("Authorization"), Is.False, "no token to another origin");
        Assert.That(fileRequest.Headers!.ContainsKey("X-HF-Authorization"), Is.False);
    }

    [Test]
    public async Task Connecting_by_url_sends_no_token_unless_given()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery();

        await host.ConnectAsync();

        Assert.That(host.AppRequests.Any(r => r.Headers!.ContainsKey("Authorization") || r.Headers!.ContainsKey("X-HF-Authorization")), Is.False);
    }

    [Test]
    public async Task Connecting_waits_while_the_space_builds_and_starts_on_the_given_clock()
    {
        var clock = new Hub.ObservedTimeProvider();
        using var host = new GradioTestHost(services => services.AddSingleton<TimeProvider>(clock));
        StubSpace(host, "BUILDING", "APP_STARTING", "RUNNING");
        host.Fixtures("6.25.0", "textgen").Discovery();

        var connect = host.Factory.ConnectToSpaceAsync(Space, new GradioConnectOptions { PollInterval = TimeSpan.FromSeconds(1) });
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        clock.Advance(TimeSpan.FromSeconds(2));

        var client = await connect;
        Assert.That(client.App.Version, Is.EqualTo("6.25.0"));
        Assert.That(host.HubRequests.Count(r => r.Path.EndsWith("/runtime", StringComparison.Ordinal)), Is.EqualTo(3));
    }

    [TestCase("BUILD_ERROR", "ModuleNotFoundError")]
    [TestCase("RUNTIME_ERROR", "ModuleNotFoundError")]
    [TestCase("PAUSED", "restart it")]
    [TestCase("NO_APP_FILE", "NO_APP_FILE")]
    public async Task A_space_that_cannot_run_gives_a_typed_error_with_its_stage(string stage, string text)
    {
        using var host = new GradioTestHost();
        StubSpace(host, stage);

        var error = Assert.ThrowsAsync<GradioSpaceUnavailableException>(() => host.Factory.ConnectToSpaceAsync(Space));

        Assert.That(error!.Stage, Is.EqualTo(stage));
        Assert.That(error.Message, Does.Contain(text));
        Assert.That(host.AppRequests, Is.Empty);
    }

    [Test]
    public async Task A_sleeping_space_is_restarted_once_then_a_space_that_stays_asleep_is_an_error()
    {
        var clock = new Hub.ObservedTimeProvider();
        using var host = new GradioTestHost(services => services.AddSingleton<TimeProvider>(clock));
        StubSpace(host, "SLEEPING", "SLEEPING");

        var connect = host.Factory.ConnectToSpaceAsync(Space);
        await clock.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));

        var error = Assert.ThrowsAsync<GradioSpaceUnavailableException>(() => connect);
        Assert.That(error!.Message, Does.Contain("did not wake"));
        Assert.That(host.HubRequests.Count(r => r.Path.EndsWith("/restart", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task Upload_sends_a_multipart_files_part_and_the_file_goes_back_as_FileData()
    {
        using var host = new GradioTestHost();
        var fixtures = host.Fixtures("6.25.0", "reverse").Discovery();
        host.App.Given(Request.Create().UsingPost().WithPath("/gradio_api/upload"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(fixtures.Folder, "upload.post.json"))).RootElement.GetProperty("response_raw").GetString()!));
        fixtures.Post("call-file_len.post.json", partialBody: true);
        fixtures.CallStream("file_len", "call-file_len.post.json", "call-file_len.sse");
        var client = await host.ConnectAsync();

        var file = await client.UploadAsync(new MemoryStream("hello fixture\n"u8.ToArray()), "hello.txt");
        var result = await client.CallAsync("/file_len", [GradioValue.File(file)]);

        Assert.That(result.GetString(), Is.EqualTo("hello.txt:14"));
        var upload = host.AppRequests.Single(r => r.Path == "/gradio_api/upload");
        Assert.That(upload.Headers!["Content-Type"].Single(), Does.StartWith("multipart/form-data"));
        Assert.That(upload.Body, Does.Contain("name=files").And.Contain("filename=hello.txt").And.Contain("hello fixture"));
        var call = host.AppRequests.Single(r => r.Path == "/gradio_api/call/file_len");
        Assert.That(call.Body, Does.Contain("\"meta\":{\"_type\":\"gradio.FileData\"}").And.Contain("\"orig_name\":\"hello.txt\"").And.Not.Contain("null"));
    }
}
