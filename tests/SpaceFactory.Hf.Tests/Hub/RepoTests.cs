using SpaceFactory.Hf.Hub;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Hub;

[TestFixture]
public class RepoTests
{
    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(body);

    [Test]
    public async Task CreateRepo_space_sends_the_reference_body_private_by_default()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/repos/create").UsingPost()).RespondWith(Json(HubRecordings.CreateSpaceResponse));

        var created = await host.Client.CreateRepoAsync(RepoId.Parse("testuser/my-space"), RepoType.Space, new CreateRepoOptions { Sdk = "gradio" });

        var request = host.SingleRequest();
        RequestAssert.IsHubCall(request, "POST", "/api/repos/create", "application/json");

        // Appendix A: {"name": "my-space", "organization": "testuser", "visibility": "private", "type": "space", "sdk": "gradio"}
        RequestAssert.JsonEquals(RequestAssert.Body(request), """{"name":"my-space","organization":"testuser","visibility":"private","type":"space","sdk":"gradio"}""");
        Assert.That(RequestAssert.Body(request), Does.Not.Contain("\"private\":"), "visibility is never sent together with private");
        Assert.Multiple(() =>
        {
            Assert.That(created.Url, Is.EqualTo(new Uri(host.Server.Url + "/spaces/user/tmp_test_space")), "the public Hub URL is rewritten to the endpoint");
            Assert.That(created.RepoId.ToString(), Is.EqualTo("user/tmp_test_space"));
            Assert.That(created.Id, Is.EqualTo("67cae56f9b4f4ee4713c83e7"));
            Assert.That(created.AlreadyExisted, Is.False);
        });
    }

    [Test]
    public async Task CreateRepo_space_sends_hardware_sleep_time_sdk_version_secrets_and_variables()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/repos/create").UsingPost()).RespondWith(Json(HubRecordings.CreateSpaceResponse));

        await host.Client.CreateRepoAsync(RepoId.Parse("testuser/my-space"), RepoType.Space, new CreateRepoOptions
        {
            Sdk = "gradio",
            SdkVersion = "5.9.1",
            Hardware = "zero-a10g",
            SleepTimeSeconds = 3600,
            Visibility = RepoVisibility.Protected,
            Secrets = [new SpaceSecret("HF_TOKEN", "hf_secretvalue000000000000000", "token")],
            Variables = [new SpaceVariable("MODEL", "gpt2")],
        });

        RequestAssert.JsonEquals(RequestAssert.Body(host.SingleRequest()), """
            {"name":"my-space","organization":"testuser","type":"space","visibility":"protected","sdk":"gradio","sdkVersion":"5.9.1",
             "hardware":"zero-a10g","sleepTimeSeconds":3600,
             "secrets":[{"key":"HF_TOKEN","value":"hf_secretvalue000000000000000","description":"token"}],
             "variables":[{"key":"MODEL","value":"gpt2"}]}
            """);
    }

    [Test]
    public async Task CreateRepo_model_without_visibility_sends_name_organization_and_type()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/repos/create").UsingPost())
            .RespondWith(Json("""{"url":"https://huggingface.co/testuser/js-model","name":"testuser/js-model","id":"67cae56f9b4f4ee4713c83e8"}"""));

        var created = await host.Client.CreateRepoAsync(RepoId.Parse("testuser/js-model"), RepoType.Model, new CreateRepoOptions { Visibility = null });

        // Appendix B: {"name":"js-model","organization":"testuser","type":"model"}
        RequestAssert.JsonEquals(RequestAssert.Body(host.SingleRequest()), """{"name":"js-model","organization":"testuser","type":"model"}""");
        Assert.That(created.Url.AbsolutePath, Is.EqualTo("/testuser/js-model"));
    }

    [Test]
    public void CreateRepo_conflict_throws_with_the_existing_url()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/repos/create").UsingPost()).RespondWith(Json(HubRecordings.CreateSpaceConflict, 409));

        var ex = Assert.ThrowsAsync<HfConflictException>(() =>
            host.Client.CreateRepoAsync(RepoId.Parse("user/tmp_test_space"), RepoType.Space, new CreateRepoOptions { Sdk = "gradio" }));

        Assert.That(ex!.ExistingUrl, Is.EqualTo(new Uri("https://huggingface.co/spaces/user/tmp_test_space")));
        Assert.That(ex.ServerMessage, Is.EqualTo("You already created this space repo"));
        Assert.That(host.Requests, Has.Count.EqualTo(1), "a POST is never retried");
    }

    [Test]
    public async Task CreateRepo_conflict_with_ExistOk_returns_the_existing_repo()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/repos/create").UsingPost()).RespondWith(Json(HubRecordings.CreateSpaceConflict, 409));

        var created = await host.Client.CreateRepoAsync(
            RepoId.Parse("tmp_test_space"), RepoType.Space, new CreateRepoOptions { Sdk = "gradio", ExistOk = true });

        Assert.Multiple(() =>
        {
            Assert.That(created.AlreadyExisted, Is.True);
            Assert.That(created.RepoId.ToString(), Is.EqualTo("user/tmp_test_space"));
            Assert.That(created.Url, Is.EqualTo(new Uri(host.Server.Url + "/spaces/user/tmp_test_space")));
        });
        RequestAssert.JsonEquals(RequestAssert.Body(host.SingleRequest()), """{"name":"tmp_test_space","visibility":"private","type":"space","sdk":"gradio"}""");
    }

    [Test]
    public void CreateRepo_payment_required_maps_to_HfPaymentRequiredException()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/repos/create").UsingPost())
            .RespondWith(Json("""{"error":"A paid plan is required to create a Gradio Space"}""", 402));

        var ex = Assert.ThrowsAsync<HfPaymentRequiredException>(() =>
            host.Client.CreateRepoAsync(RepoId.Parse("testuser/app"), RepoType.Space, new CreateRepoOptions { Sdk = "gradio" }));
        Assert.That(ex!.Message, Does.Contain("402").And.Contain("paid plan"));
    }

    [Test]
    public void CreateRepo_rejects_bad_options_before_any_request()
    {
        using var host = new HubTestHost();
        var space = RepoId.Parse("testuser/app");

        var noSdk = Assert.ThrowsAsync<ArgumentException>(() => host.Client.CreateRepoAsync(space, RepoType.Space));
        var modelHardware = Assert.ThrowsAsync<ArgumentException>(() =>
            host.Client.CreateRepoAsync(space, RepoType.Model, new CreateRepoOptions { Hardware = "t4-small" }));
        var badSleep = Assert.ThrowsAsync<ArgumentException>(() =>
            host.Client.CreateRepoAsync(space, RepoType.Space, new CreateRepoOptions { Sdk = "gradio", SleepTimeSeconds = 0 }));

        Assert.Multiple(() =>
        {
            Assert.That(noSdk!.Message, Does.Contain("Sdk"));
            Assert.That(modelHardware!.Message, Does.Contain("Spaces only"));
            Assert.That(badSleep!.Message, Does.Contain("SleepTimeSeconds"));
            Assert.That(host.Requests, Is.Empty);
        });
    }

    [Test]
    public void Secret_and_variable_names_are_validated()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new SpaceSecret("1BAD", "x"));
        Assert.That(ex!.Message, Does.Contain("'1BAD'").And.Contain("start with an ASCII letter"));
        ex = Assert.Throws<ArgumentException>(() => _ = new SpaceVariable("BAD-NAME", "x"));
        Assert.That(ex!.Message, Does.Contain("'-'"));
        Assert.That(new SpaceSecret("API_KEY", "s3cr3t").ToString(), Does.Not.Contain("s3cr3t"));
    }

    [TestCase(200, null, null, true)]
    [TestCase(404, "RepoNotFound", null, false)]
    [TestCase(401, null, "Repository not found", false)]
    [TestCase(403, "GatedRepo", "Access to model is restricted", true)]
    public async Task RepoExists_maps_statuses(int status, string? errorCode, string? message, bool expected)
    {
        using var host = new HubTestHost();
        var response = Json(status == 200 ? """{"_id":"1","id":"testuser/my-model","likes":0}""" : $$"""{"error":"{{message}}"}""", status);
        if (errorCode is not null)
        {
            response = response.WithHeader("X-Error-Code", errorCode);
        }

        host.Server.Given(Request.Create().WithPath("/api/models/testuser/my-model").UsingGet()).RespondWith(response);

        var exists = await host.Client.RepoExistsAsync(RepoId.Parse("testuser/my-model"), RepoType.Model);

        Assert.That(exists, Is.EqualTo(expected));
        RequestAssert.IsHubCall(host.SingleRequest(), "GET", "/api/models/testuser/my-model", query: "expand=likes");
    }

    [Test]
    public void RepoExists_with_an_invalid_token_throws_instead_of_answering_false()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/app").UsingGet())
            .RespondWith(Json("""{"error":"Invalid credentials in Authorization header"}""", 401)
                .WithHeader("X-Error-Message", "Invalid credentials in Authorization header"));

        Assert.ThrowsAsync<HfUnauthorizedException>(() => host.Client.RepoExistsAsync(RepoId.Parse("testuser/app"), RepoType.Space));
    }

    [Test]
    public async Task DeleteRepo_sends_DELETE_with_a_json_body_and_accepts_plain_text_OK()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/repos/delete").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/plain; charset=utf-8").WithBody("OK"));

        var deleted = await host.Client.DeleteRepoAsync(RepoId.Parse("user/tmp_test_space"), RepoType.Space);

        Assert.That(deleted, Is.True);
        var request = host.SingleRequest();
        RequestAssert.IsHubCall(request, "DELETE", "/api/repos/delete", "application/json");

        // space-api.test_manage_secrets.yaml: {"name": "tmp_test_space", "organization": "user", "type": "space"}
        RequestAssert.JsonEquals(RequestAssert.Body(request), """{"name":"tmp_test_space","organization":"user","type":"space"}""");
    }

    [Test]
    public async Task DeleteRepo_missing_throws_unless_missingOk()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/repos/delete").UsingDelete())
            .RespondWith(Json("""{"error":"Repository not found"}""", 404).WithHeader("X-Error-Code", "RepoNotFound"));
        var id = RepoId.Parse("testuser/gone");

        Assert.ThrowsAsync<HfNotFoundException>(() => host.Client.DeleteRepoAsync(id, RepoType.Model));
        Assert.That(await host.Client.DeleteRepoAsync(id, RepoType.Model, missingOk: true), Is.False);
    }

    [Test]
    public async Task UpdateRepoVisibility_sends_PUT_settings_with_visibility()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/app/settings").UsingPut())
            .RespondWith(Json("""{"private":false,"visibility":"public"}"""));

        await host.Client.UpdateRepoVisibilityAsync(RepoId.Parse("testuser/app"), RepoType.Space, RepoVisibility.Public);

        var request = host.SingleRequest();
        RequestAssert.IsHubCall(request, "PUT", "/api/spaces/testuser/app/settings", "application/json");
        RequestAssert.JsonEquals(RequestAssert.Body(request), """{"visibility":"public"}""");
    }

    [Test]
    public void Calls_on_an_existing_repo_need_a_namespace()
    {
        using var host = new HubTestHost();
        var ex = Assert.ThrowsAsync<ArgumentException>(() => host.Client.GetSpaceRuntimeAsync(RepoId.Parse("app")));
        Assert.That(ex!.Message, Does.Contain("needs a namespace").And.Contain("'namespace/app'"));
        Assert.That(ex.ParamName, Is.EqualTo("repoId"));
    }
}
