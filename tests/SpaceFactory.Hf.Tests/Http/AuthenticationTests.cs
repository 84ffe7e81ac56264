using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf.Http;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Hf.Tests.Hub;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceFactory.Hf.Tests.Http;

/// <summary>Where the token goes: the Hub's origin only, the scoped token first, never on requests marked anonymous.</summary>
[TestFixture]
public class AuthenticationTests
{
    private static HttpClient HubHttpClient(HubTestHost host) =>
        host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HubClient));

    [Test]
    public async Task The_token_goes_to_the_hub_but_never_to_another_host()
    {
        using var host = new HubTestHost();
        using var other = WireMockServer.Start();
        host.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200));
        other.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200));
        var client = HubHttpClient(host);

        (await client.GetAsync(new Uri("api/whoami-v2", UriKind.Relative))).Dispose();
        (await client.GetAsync(new Uri(other.Url + "/file"))).Dispose();

        Assert.That(RequestAssert.Header(host.SingleRequest(), "Authorization"), Is.EqualTo("Bearer " + HubTestHost.Token));
        var foreign = HubTestHost.RequestsOf(other).Single();
        Assert.That(RequestAssert.Header(foreign, "Authorization"), Is.Null);
        Assert.That(RequestAssert.Header(foreign, "User-Agent"), Does.StartWith("SpaceFactory/"));
    }

    [Test]
    public async Task A_request_marked_without_credentials_carries_no_token_even_to_the_hub()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().UsingPut()).RespondWith(Response.Create().WithStatusCode(200));
        using var request = new HttpRequestMessage(HttpMethod.Put, "upload/part").WithoutCredentials();

        (await HubHttpClient(host).SendAsync(request)).Dispose();

        Assert.That(RequestAssert.Header(host.SingleRequest(), "Authorization"), Is.Null);
    }

    [Test]
    public async Task HfTokenScope_overrides_the_configured_token_and_nests()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", HubRecordings.JsonType).WithBody(HubRecordings.RuntimeStatic));
        var space = RepoId.Parse("testuser/app");

        using (HfTokenScope.Begin("hf_outer0000000000000000000000"))
        {
            await host.Client.GetSpaceRuntimeAsync(space);
            using (HfTokenScope.Begin("hf_inner0000000000000000000000"))
            {
                await host.Client.GetSpaceRuntimeAsync(space);
            }

            await host.Client.GetSpaceRuntimeAsync(space);
        }

        await host.Client.GetSpaceRuntimeAsync(space);

        Assert.That(host.Requests.Select(r => RequestAssert.Header(r, "Authorization")), Is.EqualTo(new[]
        {
            "Bearer hf_outer0000000000000000000000",
            "Bearer hf_inner0000000000000000000000",
            "Bearer hf_outer0000000000000000000000",
            "Bearer " + HubTestHost.Token,
        }));
    }

    [Test]
    public async Task Every_request_carries_a_trace_id()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200));

        (await HubHttpClient(host).GetAsync(new Uri("api/whoami-v2", UriKind.Relative))).Dispose();

        Assert.That(Guid.TryParse(RequestAssert.Header(host.SingleRequest(), "X-Amzn-Trace-Id"), out _), Is.True);
    }
}
