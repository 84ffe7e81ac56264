using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Tests;

[TestFixture]
public sealed class HubTests
{
    private HfSandbox _sandbox = null!;
    private SandboxTestClient _client = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero, CompileCheck = false });
        _client = new SandboxTestClient(_sandbox, _sandbox.DefaultToken);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Test]
    public async Task WhoAmI_returns_the_user_of_an_issued_token()
    {
        var response = await _client.Http.GetAsync("/api/whoami-v2");
        var body = await SandboxTestClient.ReadJsonAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(_sandbox.DefaultToken, Does.StartWith("hf_sandbox_"));
            Assert.That(body["type"]!.GetValue<string>(), Is.EqualTo("user"));
            Assert.That(body["name"]!.GetValue<string>(), Is.EqualTo("sandbox-user"));
            Assert.That(body["id"]!.GetValue<string>(), Has.Length.EqualTo(24));
            Assert.That(body["auth"]!["accessToken"]!["role"]!.GetValue<string>(), Is.EqualTo("write"));
            Assert.That(response.Headers.GetValues("X-Request-Id").Single(), Does.StartWith("Root=1-"));
        });
    }

    [Test]
    public async Task WhoAmI_with_an_unknown_or_missing_token_is_401_invalid_credentials()
    {
        using var stranger = new SandboxTestClient(_sandbox, "hf_not_issued_here");
        using var anonymous = new SandboxTestClient(_sandbox, null);

        foreach (var client in new[] { stranger, anonymous })
        {
            var response = await client.Http.GetAsync("/api/whoami-v2");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Headers.GetValues("X-Error-Message").Single(), Is.EqualTo("Invalid credentials in Authorization header"));
            Assert.That((await SandboxTestClient.ReadJsonAsync(response))["error"]!.GetValue<string>(), Is.EqualTo("Invalid credentials in Authorization header"));
        }
    }

    [Test]
    public async Task An_unknown_token_is_rejected_on_every_api_route()
    {
        using var stranger = new SandboxTestClient(_sandbox, "hf_wrong");
        var response = await stranger.Http.GetAsync("/api/models/sshleifer/tiny-gpt2");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.GetValues("X-Error-Message").Single(), Is.EqualTo("Invalid credentials in Authorization header"));
    }

    [Test]
    public async Task Create_space_returns_url_name_and_id_then_409_with_url_when_it_exists()
    {
        var created = await _client.CreateRepoAsync("my-space");
        var body = await SandboxTestClient.ReadJsonAsync(created);
        var again = await _client.CreateRepoAsync("my-space");
        var conflict = await SandboxTestClient.ReadJsonAsync(again);

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body["url"]!.GetValue<string>(), Is.EqualTo(_sandbox.Endpoint + "spaces/sandbox-user/my-space"));
            Assert.That(body["name"]!.GetValue<string>(), Is.EqualTo("sandbox-user/my-space"));
            Assert.That(body["id"]!.GetValue<string>(), Does.Match("^[0-9a-f]{24}$"));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(conflict["error"]!.GetValue<string>(), Is.EqualTo("You already created this space repo"));
            Assert.That(conflict["url"]!.GetValue<string>(), Is.EqualTo(_sandbox.Endpoint + "spaces/sandbox-user/my-space"));
            Assert.That(_sandbox.Inspector.ReposCreated, Is.EqualTo(1));
            Assert.That(_sandbox.Inspector.GetRequestCount("POST", "/api/repos/create"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Create_accepts_the_legacy_private_flag()
    {
        var response = await _client.Http.PostAsync("/api/repos/create", SandboxTestClient.Json("""{"name": "tmp_test_space", "organization": "sandbox-user", "private": true, "type": "space", "sdk": "gradio"}"""));
        var info = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces/sandbox-user/tmp_test_space"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(info["private"]!.GetValue<bool>(), Is.True);
        Assert.That(info["subdomain"]!.GetValue<string>(), Is.EqualTo("sandbox-user-tmp-test-space"));
    }

    [TestCase("bad--name", "--")]
    [TestCase("-leading", "must start and end")]
    [TestCase("has space", "contains ' '")]
    [TestCase("repo.git", ".git")]
    public async Task Create_with_an_invalid_name_is_400_naming_the_problem(string name, string expected)
    {
        var response = await _client.CreateRepoAsync(name);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await SandboxTestClient.ReadJsonAsync(response))["error"]!.GetValue<string>(), Does.Contain(expected));
    }

    [Test]
    public async Task Create_space_without_sdk_is_400()
    {
        var response = await _client.CreateRepoAsync("no-sdk", sdk: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await SandboxTestClient.ReadJsonAsync(response))["error"]!.GetValue<string>(), Does.Contain("sdk"));
    }

    [Test]
    public async Task Create_in_another_namespace_is_403()
    {
        var response = await _client.Http.PostAsync("/api/repos/create", SandboxTestClient.Json("""{"name": "x", "organization": "someone-else", "type": "model"}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Preupload_answers_regular_for_small_text_and_lfs_for_binary_or_large_files()
    {
        await _client.CreateRepoAsync("m", type: "model", sdk: null);
        var request = new JsonObject
        {
            ["files"] = new JsonArray
            {
                new JsonObject { ["path"] = "app.py", ["sample"] = Convert.ToBase64String("import gradio\n"u8.ToArray()), ["size"] = 14 },
                new JsonObject { ["path"] = "blob.dat", ["sample"] = Convert.ToBase64String(new byte[] { 1, 0, 2 }), ["size"] = 3 },
                new JsonObject { ["path"] = "weights.safetensors", ["sample"] = "", ["size"] = 10 },
                new JsonObject { ["path"] = "big.txt", ["sample"] = Convert.ToBase64String("aaaa"u8.ToArray()), ["size"] = 11 * 1024 * 1024 },
            },
        };

        var response = await _client.Http.PostAsync("/api/models/sandbox-user/m/preupload/main", SandboxTestClient.Json(request));
        var body = await SandboxTestClient.ReadJsonAsync(response);
        var modes = body["files"]!.AsArray().Select(f => f!["uploadMode"]!.GetValue<string>()).ToList();

        Assert.That(modes, Is.EqualTo(new[] { "regular", "lfs", "lfs", "lfs" }));
        Assert.That(body["commitOid"]!.GetValue<string>(), Does.Match("^[0-9a-f]{40}$"));
        Assert.That(body["files"]![0]!["shouldIgnore"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task Commit_stores_files_and_resolve_serves_them_with_commit_etag_and_ranges()
    {
        await _client.CreateRepoAsync("s");
        var commit = await _client.CommitAsync("sandbox-user/s", new Dictionary<string, string> { ["app.py"] = "print('hello')\n", ["sub/dir/notes.md"] = "# hi\n" });
        var commitBody = await SandboxTestClient.ReadJsonAsync(commit);
        var oid = commitBody["commitOid"]!.GetValue<string>();

        var get = await _client.Http.GetAsync("/spaces/sandbox-user/s/resolve/main/app.py");
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, "/spaces/sandbox-user/s/resolve/main/app.py");
        rangeRequest.Headers.Range = new RangeHeaderValue(0, 0);
        var range = await _client.Http.SendAsync(rangeRequest);
        using var headRequest = new HttpRequestMessage(HttpMethod.Head, "/spaces/sandbox-user/s/resolve/" + oid + "/sub/dir/notes.md");
        var head = await _client.Http.SendAsync(headRequest);
        var missing = await _client.Http.GetAsync("/spaces/sandbox-user/s/resolve/main/nope.txt");
#pragma warning disable CA5350 // git blob ids are SHA-1 by definition
        var gitOid = Convert.ToHexStringLower(SHA1.HashData(Encoding.ASCII.GetBytes("blob 15\0print('hello')\n")));
#pragma warning restore CA5350

        Assert.Multiple(async () =>
        {
            Assert.That(commit.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(commitBody["success"]!.GetValue<bool>(), Is.True);
            Assert.That(oid, Does.Match("^[0-9a-f]{40}$"));
            Assert.That(commitBody["commitUrl"]!.GetValue<string>(), Is.EqualTo(_sandbox.Endpoint + "spaces/sandbox-user/s/commit/" + oid));
            Assert.That(await get.Content.ReadAsStringAsync(), Is.EqualTo("print('hello')\n"));
            Assert.That(get.Headers.GetValues("X-Repo-Commit").Single(), Is.EqualTo(oid));
            Assert.That(get.Headers.ETag!.Tag, Is.EqualTo("\"" + gitOid + "\""));
            Assert.That(range.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(range.Content.Headers.ContentRange!.ToString(), Is.EqualTo("bytes 0-0/15"));
            Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(head.Content.Headers.ContentLength, Is.EqualTo(5));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(missing.Headers.GetValues("X-Error-Code").Single(), Is.EqualTo("EntryNotFound"));
            Assert.That(_sandbox.Inspector.GetCommitCount("sandbox-user/s", "space"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Commit_with_a_stale_parent_commit_is_412_and_writes_nothing()
    {
        await _client.CreateRepoAsync("p", type: "model", sdk: null);
        var first = await SandboxTestClient.ReadJsonAsync(await _client.CommitAsync("sandbox-user/p", new Dictionary<string, string> { ["a.txt"] = "1" }, "models"));
        await _client.CommitAsync("sandbox-user/p", new Dictionary<string, string> { ["a.txt"] = "2" }, "models");

        var stale = await _client.CommitAsync("sandbox-user/p", new Dictionary<string, string> { ["a.txt"] = "3" }, "models", parentCommit: first["commitOid"]!.GetValue<string>());

        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That(_sandbox.Inspector.GetCommitCount("sandbox-user/p"), Is.EqualTo(3));
        Assert.That(Encoding.UTF8.GetString(_sandbox.Inspector.ReadFile("sandbox-user/p", "a.txt")!), Is.EqualTo("2"));
    }

    [Test]
    public async Task Deleted_files_disappear_from_the_tree_and_the_siblings()
    {
        await _client.CreateRepoAsync("d", type: "dataset", sdk: null);
        await _client.CommitAsync("sandbox-user/d", new Dictionary<string, string> { ["old.txt"] = "x", ["keep.txt"] = "y" }, "datasets");
        await _client.CommitAsync("sandbox-user/d", new Dictionary<string, string>(), "datasets", deletions: ["old.txt"]);

        var info = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/datasets/sandbox-user/d"));
        var siblings = info["siblings"]!.AsArray().Select(s => s!["rfilename"]!.GetValue<string>()).ToList();

        Assert.That(siblings, Is.EquivalentTo(new[] { ".gitattributes", "keep.txt" }));
    }

    [Test]
    public async Task Space_info_has_host_subdomain_sha_siblings_card_data_and_runtime()
    {
        await _client.CreateRepoAsync("info-space");
        var commit = await SandboxTestClient.ReadJsonAsync(await _client.CommitAsync("sandbox-user/info-space", SandboxApps.Files()));

        var info = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces/sandbox-user/info-space"));
        var expanded = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces/sandbox-user/info-space/revision/HEAD?expand=sdk&expand=likes&expand=private&expand=lastModified&expand=runtime"));
        var host = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces/sandbox-user/info-space/host"));

        Assert.Multiple(() =>
        {
            Assert.That(info["id"]!.GetValue<string>(), Is.EqualTo("sandbox-user/info-space"));
            Assert.That(info["sha"]!.GetValue<string>(), Is.EqualTo(commit["commitOid"]!.GetValue<string>()));
            Assert.That(info["host"]!.GetValue<string>(), Does.Match(@"^http://127\.0\.0\.1:\d+$"));
            Assert.That(info["subdomain"]!.GetValue<string>(), Is.EqualTo("sandbox-user-info-space"));
            Assert.That(info["sdk"]!.GetValue<string>(), Is.EqualTo("gradio"));
            Assert.That(info["private"]!.GetValue<bool>(), Is.True);
            Assert.That(info["cardData"]!["title"]!.GetValue<string>(), Is.EqualTo("tiny-gpt2 demo"));
            Assert.That(info["cardData"]!["models"]![0]!.GetValue<string>(), Is.EqualTo("sshleifer/tiny-gpt2"));
            Assert.That(info["siblings"]!.AsArray().Select(s => s!["rfilename"]!.GetValue<string>()), Does.Contain("spacefactory_manifest.json"));
            Assert.That(info["runtime"]!["stage"], Is.Not.Null);
            Assert.That(expanded.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "_id", "id", "sdk", "likes", "private", "lastModified", "runtime" }));
            Assert.That(host["host"]!.GetValue<string>(), Is.EqualTo(info["host"]!.GetValue<string>()));
            Assert.That(host["subdomain"]!.GetValue<string>(), Is.EqualTo("sandbox-user-info-space"));
        });
    }

    [Test]
    public async Task The_xetEnabled_probe_of_huggingface_hub_gets_the_recorded_shape()
    {
        await _client.CreateRepoAsync("xet");

        var body = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces/sandbox-user/xet/revision/main?expand=xetEnabled"));

        Assert.That(body.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "_id", "id", "xetEnabled" }));
        Assert.That(body["xetEnabled"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task A_private_repo_is_not_found_to_others_401_without_token_404_with_one()
    {
        await _client.CreateRepoAsync("secret-space");
        using var anonymous = new SandboxTestClient(_sandbox, null);
        using var other = new SandboxTestClient(_sandbox, _sandbox.IssueToken("other-user"));

        var noToken = await anonymous.Http.GetAsync("/api/spaces/sandbox-user/secret-space");
        var otherUser = await other.Http.GetAsync("/api/spaces/sandbox-user/secret-space");
        var resolve = await other.Http.GetAsync("/spaces/sandbox-user/secret-space/resolve/main/README.md");

        Assert.Multiple(() =>
        {
            Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(noToken.Headers.GetValues("X-Error-Code").Single(), Is.EqualTo("RepoNotFound"));
            Assert.That(noToken.Headers.GetValues("X-Error-Message").Single(), Is.Not.EqualTo("Invalid credentials in Authorization header"));
            Assert.That(otherUser.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherUser.Headers.GetValues("X-Error-Code").Single(), Is.EqualTo("RepoNotFound"));
            Assert.That(resolve.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Settings_change_visibility()
    {
        await _client.CreateRepoAsync("vis", visibility: "public");
        using var anonymous = new SandboxTestClient(_sandbox, null);
        var before = await anonymous.Http.GetAsync("/api/spaces/sandbox-user/vis");

        var put = await _client.Http.PutAsync("/api/spaces/sandbox-user/vis/settings", SandboxTestClient.Json("""{"visibility": "private"}"""));
        var after = await anonymous.Http.GetAsync("/api/spaces/sandbox-user/vis");

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Delete_returns_text_OK_and_the_repo_is_gone()
    {
        await _client.CreateRepoAsync("gone");
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/repos/delete")
        {
            Content = SandboxTestClient.Json("""{"name": "gone", "organization": "sandbox-user", "type": "space"}"""),
        };

        var response = await _client.Http.SendAsync(request);
        var info = await _client.Http.GetAsync("/api/spaces/sandbox-user/gone");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("OK"));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
        Assert.That(info.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_read_token_cannot_write()
    {
        await _client.CreateRepoAsync("ro");
        using var reader = new SandboxTestClient(_sandbox, _sandbox.IssueToken("sandbox-user", SandboxTokenRole.Read));

        var commit = await reader.CommitAsync("sandbox-user/ro", new Dictionary<string, string> { ["a"] = "b" });
        var info = await reader.Http.GetAsync("/api/spaces/sandbox-user/ro");

        Assert.That(commit.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(info.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Lfs_batch_put_and_verify_store_content_addressed_objects_and_reject_a_hash_mismatch()
    {
        await _client.CreateRepoAsync("lfs-model", type: "model", sdk: null);
        var data = Enumerable.Range(0, 160).Select(i => (byte)i).ToArray();
        var oid = Convert.ToHexStringLower(SHA256.HashData(data));
        var batchBody = new JsonObject
        {
            ["operation"] = "upload",
            ["transfers"] = new JsonArray("basic", "multipart"),
            ["objects"] = new JsonArray(new JsonObject { ["oid"] = oid, ["size"] = 160 }),
            ["hash_algo"] = "sha256",
            ["ref"] = new JsonObject { ["name"] = "main" },
        };
        var content = SandboxTestClient.Json(batchBody);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.git-lfs+json");

        var batch = await SandboxTestClient.ReadJsonAsync(await _client.Http.PostAsync("/sandbox-user/lfs-model.git/info/lfs/objects/batch", content));
        var upload = batch["objects"]![0]!["actions"]!["upload"]!["href"]!.GetValue<string>();
        var verify = batch["objects"]![0]!["actions"]!["verify"]!["href"]!.GetValue<string>();
        using var anonymous = new HttpClient();
        var wrong = await anonymous.PutAsync(upload, new ByteArrayContent(new byte[160]));
        var put = await anonymous.PutAsync(upload, new ByteArrayContent(data));
        var verified = await _client.Http.PostAsync(verify, SandboxTestClient.Json(new JsonObject { ["oid"] = oid, ["size"] = 160 }));
        var lines = "{\"key\":\"header\",\"value\":{\"summary\":\"lfs file\"}}\n{\"key\":\"lfsFile\",\"value\":{\"path\":\"weights.bin\",\"algo\":\"sha256\",\"oid\":\"" + oid + "\",\"size\":160}}\n";
        var commit = await _client.Http.PostAsync("/api/models/sandbox-user/lfs-model/commit/main", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));
        var file = await _client.Http.GetAsync("/sandbox-user/lfs-model/resolve/main/weights.bin");
        var info = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/models/sandbox-user/lfs-model?blobs=true"));
        var sibling = info["siblings"]!.AsArray().Single(s => s!["rfilename"]!.GetValue<string>() == "weights.bin")!;

        Assert.Multiple(async () =>
        {
            Assert.That(batch["transfer"]!.GetValue<string>(), Is.EqualTo("basic"));
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(commit.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await file.Content.ReadAsByteArrayAsync(), Is.EqualTo(data));
            Assert.That(file.Headers.ETag!.Tag, Is.EqualTo("\"" + oid + "\""));
            Assert.That(file.Headers.GetValues("X-Linked-Size").Single(), Is.EqualTo("160"));
            Assert.That(sibling["lfs"]!["sha256"]!.GetValue<string>(), Is.EqualTo(oid));
            Assert.That(sibling["size"]!.GetValue<long>(), Is.EqualTo(160));
        });
    }

    [Test]
    public async Task Lfs_commit_of_an_object_never_uploaded_is_400()
    {
        await _client.CreateRepoAsync("lfs-missing", type: "model", sdk: null);
        var lines = "{\"key\":\"header\",\"value\":{\"summary\":\"x\"}}\n{\"key\":\"lfsFile\",\"value\":{\"path\":\"w.bin\",\"algo\":\"sha256\",\"oid\":\"" + new string('a', 64) + "\",\"size\":1}}\n";

        var commit = await _client.Http.PostAsync("/api/models/sandbox-user/lfs-missing/commit/main", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));

        Assert.That(commit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await SandboxTestClient.ReadJsonAsync(commit))["error"]!.GetValue<string>(), Does.Contain("was not uploaded"));
    }
}
