using System.Globalization;
using SpaceFactory.Hf.Hub;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

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
}
