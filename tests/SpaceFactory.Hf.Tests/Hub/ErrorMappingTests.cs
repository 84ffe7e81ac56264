using SpaceFactory.Hf.Hub;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Hub;

[TestFixture]
public class ErrorMappingTests
{
    private static readonly RepoId Space = RepoId.Parse("testuser/app");

    private static HubTestHost NoRetryHost() => new(o => o.MaxRetries = 0);

    private static void Stub(HubTestHost host, IResponseBuilder response) =>
        host.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(response);

    private static IResponseBuilder Status(int status, string? body = null) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(body ?? "{}");

    [Test]
    public void Status_401_with_invalid_credentials_is_unauthorized()
    {
        using var host = NoRetryHost();
        Stub(host, Status(401, """{"error":"Invalid credentials in Authorization header"}""").WithHeader("X-Error-Message", "Invalid credentials in Authorization header"));

        var ex = Assert.ThrowsAsync<HfUnauthorizedException>(() => host.Client.GetSpaceInfoAsync(Space));
        Assert.That(ex!.ServerMessage, Is.EqualTo("Invalid credentials in Authorization header"));
    }

    [Test]
    public void Status_401_on_a_repo_url_without_that_message_is_a_hidden_repo()
    {
        using var host = NoRetryHost();
        Stub(host, Status(401, """{"error":"Repository not found"}"""));

        var ex = Assert.ThrowsAsync<HfNotFoundException>(() => host.Client.GetSpaceInfoAsync(Space));
        Assert.That((int)ex!.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public void Status_403_is_forbidden()
    {
        using var host = NoRetryHost();
        Stub(host, Status(403, """{"error":"You don't have the rights to restart this Space"}"""));

        var ex = Assert.ThrowsAsync<HfForbiddenException>(() => host.Client.RestartSpaceAsync(Space));
        Assert.That(ex!.Message, Does.Contain("POST /api/spaces/testuser/app/restart failed with 403").And.Contain("rights to restart"));
    }

    [Test]
    public void Status_404_with_RepoNotFound_carries_the_code_message_and_request_id()
    {
        using var host = NoRetryHost();
        Stub(host, Status(404, """{"error":"Repository not found"}""").WithHeader("X-Error-Code", "RepoNotFound")
            .WithHeader("x-request-id", "Root=1-67cae56b-7044bad340f6f3b2760f4124"));

        var ex = Assert.ThrowsAsync<HfNotFoundException>(() => host.Client.GetSpaceRuntimeAsync(Space));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.ErrorCode, Is.EqualTo("RepoNotFound"));
            Assert.That(ex.ServerMessage, Is.EqualTo("Repository not found"));
            Assert.That(ex.RequestId, Is.EqualTo("Root=1-67cae56b-7044bad340f6f3b2760f4124"));
            Assert.That(ex.Message, Does.Contain("GET /api/spaces/testuser/app/runtime"));
        });
    }

    [Test]
    public void GatedRepo_error_code_is_gated_whatever_the_status()
    {
        using var host = NoRetryHost();
        Stub(host, Status(401, """{"error":"Access to model testuser/app is restricted"}""").WithHeader("X-Error-Code", "GatedRepo"));

        Assert.ThrowsAsync<HfGatedRepoException>(() => host.Client.GetModelInfoAsync(Space));
    }

    [Test]
    public void Status_402_is_payment_required()
    {
        using var host = NoRetryHost();
        Stub(host, Status(402, """{"error":"Upgrade to a paid plan to use this hardware"}"""));

        Assert.ThrowsAsync<HfPaymentRequiredException>(() => host.Client.RequestSpaceHardwareAsync(Space, "a10g-large"));
    }

    [Test]
    public void Status_409_with_a_url_is_a_conflict_naming_the_existing_resource()
    {
        using var host = NoRetryHost();
        Stub(host, Status(409, HubRecordings.CreateSpaceConflict));

        var ex = Assert.ThrowsAsync<HfConflictException>(() => host.Client.CreateRepoAsync(Space, RepoType.Space, new CreateRepoOptions { Sdk = "static" }));
        Assert.That(ex!.ExistingUrl!.AbsolutePath, Is.EqualTo("/spaces/user/tmp_test_space"));
    }

    [Test]
    public void An_html_error_page_becomes_an_api_exception_that_says_so()
    {
        using var host = NoRetryHost();
        Stub(host, Response.Create().WithStatusCode(502).WithHeader("Content-Type", "text/html")
            .WithBody("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"));

        var ex = Assert.ThrowsAsync<HfApiException>(() => host.Client.GetSpaceRuntimeAsync(Space));
        Assert.That((int)ex!.StatusCode, Is.EqualTo(502));
        Assert.That(ex.Message, Does.Contain("HTML page").And.Not.Contain("<h1>"));
    }

    [Test]
    public void An_html_page_with_a_success_status_is_a_protocol_error()
    {
        using var host = NoRetryHost();
        Stub(host, Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html; charset=utf-8").WithBody("<html>login</html>"));

        var ex = Assert.ThrowsAsync<HfProtocolException>(() => host.Client.GetSpaceRuntimeAsync(Space));
        Assert.That(ex!.Message, Does.Contain("GET /api/spaces/testuser/app/runtime").And.Contain("HTML page"));
    }

    [TestCase("{\"stage\": ")]
    [TestCase("[1,2,3]")]
    [TestCase("{\"stage\": 42}")]
    [TestCase("null")]
    public void Malformed_json_with_a_success_status_is_a_protocol_error(string body)
    {
        using var host = NoRetryHost();
        Stub(host, Status(200, body));

        var ex = Assert.ThrowsAsync<HfProtocolException>(() => host.Client.GetSpaceRuntimeAsync(Space));
        Assert.That(ex!.Message, Does.Contain("GET /api/spaces/testuser/app/runtime"));
    }

    [Test]
    public void A_whoami_answer_without_a_name_is_a_protocol_error()
    {
        using var host = NoRetryHost();
        Stub(host, Status(200, """{"type":"user"}"""));

        Assert.ThrowsAsync<HfProtocolException>(() => host.Client.WhoAmIAsync());
    }

    [Test]
    public void A_rate_limit_asking_for_longer_than_the_maximum_surfaces_at_once_with_its_delay()
    {
        using var host = new HubTestHost(o => o.MaxServerRequestedDelay = TimeSpan.FromSeconds(30));
        Stub(host, Status(429, """{"error":"rate limited"}""").WithHeader("RateLimit", "\"api\";r=0;t=240"));

        var ex = Assert.ThrowsAsync<HfRateLimitedException>(() => host.Client.WhoAmIAsync());
        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(240)));
        Assert.That(host.Requests, Has.Count.EqualTo(1), "not retried: the wait is longer than the client will block");
    }
}
