using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Hf.Tests.Gradio;
using SpaceFactory.Hf.Tests.TestSupport;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceFactory.Hf.Tests.Hub;

/// <summary>Small JSON bodies go out with a Content-Length, as httpx and fetch send them, never chunked.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class JsonBodyLengthTests
{
    [Test]
    public async Task A_json_request_body_carries_its_exact_content_length_and_no_chunked_encoding()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/repos/create").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(HubRecordings.CreateSpaceResponse));

        await host.Client.CreateRepoAsync(RepoId.Parse("testuser/my-space"), RepoType.Space, new CreateRepoOptions { Sdk = "gradio" });

        var request = host.SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(RequestAssert.Header(request, "Content-Length"), Is.EqualTo(RequestAssert.BodyBytes(request).Length.ToString(CultureInfo.InvariantCulture)));
            Assert.That(request.Headers!.ContainsKey("Transfer-Encoding"), Is.False, "not chunked");
            Assert.That(request.Headers!["Content-Type"].Single(), Is.EqualTo("application/json"), "as httpx sends it");
        });
    }

    [Test]
    public async Task A_job_spec_goes_out_with_its_content_length()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/api/jobs/testuser").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(JobJson.Running));
        using var services = TestClients.Services(server.Url!);

        await services.GetRequiredService<JobsClient>().RunJobAsync(new JobSpec { Image = JobImage.Parse("python:3.12"), Command = ["python", "-c", "print(1)"] }, "testuser");

        AssertLength(server.LogEntries.Single().RequestMessage!);
    }

    [Test]
    public async Task A_gradio_call_body_goes_out_with_its_content_length()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "classify").Discovery().Call("classify", "classify");
        var client = await host.ConnectAsync();

        // Only the first POST (queue join or /call, whichever the client picks) matters here, not the answer.
        try
        {
            await client.CallAsync("/classify", [GradioValue.Text("I love this")]);
        }
        catch (GradioProtocolException)
        {
            // The fixture has no queue answer; the request was sent.
        }

        var post = host.AppRequests.First(r => r.Method == "POST");
        Assert.That(RequestAssert.Body(post), Does.Contain("I love this"));
        AssertLength(post);
    }

    private static void AssertLength(IRequestMessage request) => Assert.Multiple(() =>
    {
        Assert.That(RequestAssert.Header(request, "Content-Length"), Is.EqualTo(RequestAssert.BodyBytes(request).Length.ToString(CultureInfo.InvariantCulture)));
        Assert.That(request.Headers!.ContainsKey("Transfer-Encoding"), Is.False, "not chunked");
    });
}
