using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SpaceFactory.Hf.Hub;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Hub;

[TestFixture]
public class WhoAmITests
{
    /// <summary>Shape of /api/whoami-v2 (protocols/hf-hub-api.md §2, with the observed fine-grained auth block).</summary>
    internal const string FineGrainedUser = """
        {"type":"user","id":"65f0c0ffee","name":"testuser","fullname":"Test User","email":"t@example.com","emailVerified":true,
         "isPro":false,"canPay":false,"billingMode":"prepaid","avatarUrl":"/avatars/t.svg","periodEnd":null,
         "orgs":[{"type":"org","id":"o1","name":"acme","fullname":"Acme","email":null,"canPay":true,"plan":"team","roleInOrg":"write","securityRestrictions":["mfa"]},
                 {"type":"org","id":"o2","name":"readers","fullname":"Readers","roleInOrg":"read"}],
         "auth":{"type":"access_token","accessToken":{"displayName":"deployement","role":"fineGrained","createdAt":"2026-07-23T10:27:03.276Z",
           "fineGrained":{"canReadGatedRepos":true,"global":["discussion.write","post.write"],
             "scoped":[{"entity":{"_id":"6a61","type":"user","name":"testuser"},"permissions":["repo.content.read","repo.access.read","repo.write","inference.serverless.write","job.write"]}]}}}}
        """;

    private static void StubWhoAmI(HubTestHost host, string body = FineGrainedUser) =>
        host.Server.Given(Request.Create().WithPath("/api/whoami-v2").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(body));

    [Test]
    public async Task WhoAmI_sends_GET_with_token_and_parses_the_typed_user()
    {
        using var host = new HubTestHost();
        StubWhoAmI(host);

        var user = await host.Client.WhoAmIAsync();

        RequestAssert.IsHubCall(host.SingleRequest(), "GET", "/api/whoami-v2");
        Assert.Multiple(() =>
        {
            Assert.That(user.Name, Is.EqualTo("testuser"));
            Assert.That(user.Type, Is.EqualTo("user"));
            Assert.That(user.EmailVerified, Is.True);
            Assert.That(user.Organizations!.Select(o => (o.Name, o.RoleInOrg)), Is.EqualTo(new[] { ("acme", "write"), ("readers", "read") }));
            Assert.That(user.Organizations![0].SecurityRestrictions, Is.EqualTo(new[] { "mfa" }));
            Assert.That(user.Auth!.Type, Is.EqualTo("access_token"));
            Assert.That(user.Auth.AccessToken!.Role, Is.EqualTo("fineGrained"));
            Assert.That(user.Auth.AccessToken.CreatedAt, Is.EqualTo(DateTimeOffset.Parse("2026-07-23T10:27:03.276Z", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(user.Auth.AccessToken.FineGrained!.CanReadGatedRepos, Is.True);
            Assert.That(user.Auth.AccessToken.FineGrained.Scoped![0].Entity!.Name, Is.EqualTo("testuser"));
            Assert.That(user.Auth.AccessToken.FineGrained.Scoped[0].Permissions, Does.Contain("repo.write"));
        });
    }

    [Test]
    public async Task WhoAmI_is_cached_per_token_until_the_configured_duration_passes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var host = new HubTestHost(services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.Configure<HubClientOptions>(o => o.WhoAmICacheDuration = TimeSpan.FromMinutes(2));
        });
        StubWhoAmI(host);

        var first = await host.Client.WhoAmIAsync();
        var second = await host.Client.WhoAmIAsync();
        Assert.That(host.Requests, Has.Count.EqualTo(1), "the second call is answered from the cache");
        Assert.That(second, Is.SameAs(first));

        using (HfTokenScope.Begin("hf_othertoken0000000000000000"))
        {
            await host.Client.WhoAmIAsync();
        }

        Assert.That(host.Requests, Has.Count.EqualTo(2), "another token is another cache entry");
        Assert.That(RequestAssert.Header(host.Requests[1], "Authorization"), Is.EqualTo("Bearer hf_othertoken0000000000000000"));

        clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        await host.Client.WhoAmIAsync();
        Assert.That(host.Requests, Has.Count.EqualTo(3), "an expired entry is fetched again");
    }

    [Test]
    public async Task WhoAmI_cache_is_shared_between_client_instances_and_can_be_cleared()
    {
        using var host = new HubTestHost();
        StubWhoAmI(host);

        await host.Client.WhoAmIAsync();
        await host.Services.GetRequiredService<HubClient>().WhoAmIAsync();
        Assert.That(host.Requests, Has.Count.EqualTo(1));

        host.Services.GetRequiredService<WhoAmICache>().Clear();
        await host.Client.WhoAmIAsync();
        Assert.That(host.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public void WhoAmI_with_an_invalid_token_throws_unauthorized_and_is_not_cached()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/whoami-v2").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("X-Error-Message", "Invalid credentials in Authorization header")
                .WithHeader("Content-Type", HubRecordings.JsonType).WithBody("""{"error":"Invalid credentials in Authorization header"}"""));

        Assert.ThrowsAsync<HfUnauthorizedException>(() => host.Client.WhoAmIAsync());
        Assert.ThrowsAsync<HfUnauthorizedException>(() => host.Client.WhoAmIAsync());
        Assert.That(host.Requests, Has.Count.EqualTo(2));
    }

    [TestCase("testuser", true, TestName = "CanWriteTo_own_namespace_with_scoped_repo_write")]
    [TestCase("TestUser", true, TestName = "CanWriteTo_is_case_insensitive")]
    [TestCase("acme", false, TestName = "CanWriteTo_org_without_scoped_permission")]
    [TestCase("readers", false, TestName = "CanWriteTo_org_with_read_role")]
    [TestCase("stranger", false, TestName = "CanWriteTo_foreign_namespace")]
    public void CanWriteTo_fine_grained_token(string ns, bool expected) =>
        Assert.That(Parse(FineGrainedUser).CanWriteTo(ns), Is.EqualTo(expected));

    [TestCase("write", "acme", true)]
    [TestCase("write", "readers", false)]
    [TestCase("read", "testuser", false)]
    [TestCase("admin", "testuser", true)]
    public void CanWriteTo_classic_token_roles(string role, string ns, bool expected)
    {
        var user = Parse(FineGrainedUser.Replace("\"role\":\"fineGrained\"", $"\"role\":\"{role}\"", StringComparison.Ordinal));
        Assert.That(user.CanWriteTo(ns), Is.EqualTo(expected));
    }

    [Test]
    public void CanWriteTo_oauth_token_without_role_is_judged_by_membership()
    {
        var user = Parse("""{"type":"user","name":"testuser","orgs":[{"name":"acme","roleInOrg":"contributor"}],"auth":{"type":"oauth"}}""");
        Assert.Multiple(() =>
        {
            Assert.That(user.CanWriteTo("testuser"), Is.True);
            Assert.That(user.CanWriteTo("acme"), Is.True);
            Assert.That(user.CanWriteTo("other"), Is.False);
        });
    }

    private static HubUser Parse(string json) =>
        System.Text.Json.JsonSerializer.Deserialize(json, HubJsonContext.Default.HubUser)!;
}
