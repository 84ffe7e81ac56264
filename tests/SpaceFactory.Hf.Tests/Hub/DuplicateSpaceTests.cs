using SpaceFactory.Hf.Hub;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Hub;

[TestFixture]
public class DuplicateSpaceTests
{
    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(body);

    [Test]
    public async Task DuplicateSpace_sends_private_true_unless_told_and_rewrites_the_url_to_the_endpoint()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/pharma/clip/duplicate").UsingPost())
            .RespondWith(Json("""{"url":"https://huggingface.co/spaces/dog/clip-copy"}"""));

        var copy = await host.Client.DuplicateSpaceAsync(RepoId.Parse("pharma/clip"), RepoId.Parse("dog/clip-copy"));

        var request = host.SingleRequest();
        RequestAssert.IsHubCall(request, "POST", "/api/spaces/pharma/clip/duplicate", "application/json");
        RequestAssert.JsonEquals(RequestAssert.Body(request), """{"repository":"dog/clip-copy","private":true}""");
        Assert.Multiple(() =>
        {
            Assert.That(copy.Url, Is.EqualTo(new Uri(host.Server.Url + "/spaces/dog/clip-copy")));
            Assert.That(copy.RepoId.ToString(), Is.EqualTo("dog/clip-copy"));
            Assert.That(copy.AlreadyExisted, Is.False);
        });
    }

    [Test]
    public async Task DuplicateSpace_public_on_request_with_space_settings_and_the_token_user_when_no_namespace()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/whoami-v2").UsingGet()).RespondWith(Json("""{"type":"user","name":"dog"}"""));
        host.Server.Given(Request.Create().WithPath("/api/spaces/pharma/clip/duplicate").UsingPost())
            .RespondWith(Json("""{"url":"https://huggingface.co/spaces/dog/clip"}"""));

        var copy = await host.Client.DuplicateSpaceAsync(RepoId.Parse("pharma/clip"), options: new DuplicateSpaceOptions
        {
            Private = false,
            Hardware = "t4-small",
            SleepTimeSeconds = 600,
            Secrets = [new SpaceSecret("API_KEY", "secret-value")],
            Variables = [new SpaceVariable("MODE", "fast")],
        });

        var duplicate = host.Requests.Single(r => r.Method == "POST");
        RequestAssert.JsonEquals(RequestAssert.Body(duplicate), """
            {"repository":"dog/clip","private":false,"hardware":"t4-small","sleepTimeSeconds":600,
             "secrets":[{"key":"API_KEY","value":"secret-value"}],"variables":[{"key":"MODE","value":"fast"}]}
            """);
        Assert.That(copy.RepoId.ToString(), Is.EqualTo("dog/clip"));
    }

    [Test]
    public async Task DuplicateSpace_conflict_throws_and_ExistOk_returns_the_existing_space()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/pharma/clip/duplicate").UsingPost())
            .RespondWith(Json("""{"error":"You already created this space repo","url":"https://huggingface.co/spaces/dog/clip"}""", 409));

        var ex = Assert.ThrowsAsync<HfConflictException>(() => host.Client.DuplicateSpaceAsync(RepoId.Parse("pharma/clip"), RepoId.Parse("dog/clip")));
        var existing = await host.Client.DuplicateSpaceAsync(RepoId.Parse("pharma/clip"), RepoId.Parse("dog/clip"), new DuplicateSpaceOptions { ExistOk = true });

        Assert.Multiple(() =>
        {
            Assert.That(ex!.ServerMessage, Is.EqualTo("You already created this space repo"));
            Assert.That(existing.AlreadyExisted, Is.True);
            Assert.That(existing.Url, Is.EqualTo(new Uri(host.Server.Url + "/spaces/dog/clip")));
            Assert.That(host.Requests, Has.Count.EqualTo(2), "a POST is never retried");
        });
    }
}
