using System.Security.Cryptography;
using System.Text;
using SpaceFactory.Hf.Hub;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceFactory.Hf.Tests.Hub;

[TestFixture]
public class CommitTests
{
    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(body);

    private static string Preupload(params (string Path, string Mode, bool Ignore)[] files) =>
        "{\"files\":[" + string.Join(',', files.Select(f => $$"""{"path":"{{f.Path}}","uploadMode":"{{f.Mode}}","shouldIgnore":{{(f.Ignore ? "true" : "false")}}}""")) +
        "],\"commitOid\":\"c52ce5e45984b9378ef6247fe7a45ed72b096b24\"}";

    [Test]
    public async Task Commit_of_the_recorded_app_py_matches_the_cassette()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/preupload/main").UsingPost()).RespondWith(Json(HubRecordings.PreuploadRegular));
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space/commit/main").UsingPost()).RespondWith(Json(HubRecordings.CommitResponse));
        var appPy = Convert.FromBase64String(HubRecordings.AppPyBase64);

        var commit = await host.Client.CreateCommitAsync(
            RepoId.Parse("user/tmp_test_space"), RepoType.Space, "Upload app.py with huggingface_hub", [CommitOperation.AddFile("app.py", appPy)]);

        Assert.That(host.Requests, Has.Count.EqualTo(2));
        var preupload = host.Requests[0];
        RequestAssert.IsHubCall(preupload, "POST", "/api/spaces/user/tmp_test_space/preupload/main", "application/json");
        RequestAssert.JsonEquals(RequestAssert.Body(preupload), $$"""{"files":[{"path":"app.py","sample":"{{HubRecordings.AppPyBase64}}","size":152}]}""");

        var request = host.Requests[1];
        RequestAssert.IsHubCall(request, "POST", "/api/spaces/user/tmp_test_space/commit/main", "application/x-ndjson");
        NdjsonAssert.LinesEqual(
            RequestAssert.Body(request),
            """{"key": "header", "value": {"summary": "Upload app.py with huggingface_hub", "description": ""}}""",
            $$"""{"key": "file", "value": {"content": "{{HubRecordings.AppPyBase64}}", "path": "app.py", "encoding": "base64"} }""");
        Assert.That(RequestAssert.Header(request, "Content-Length"), Is.EqualTo(RequestAssert.BodyBytes(request).Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "the streamed body announces its exact length");
        Assert.Multiple(() =>
        {
            Assert.That(commit.CommitOid, Is.EqualTo("855efb9561990d02233a49204227f93ba5cfaa81"));
            Assert.That(commit.CommitUrl, Is.EqualTo(new Uri(host.Server.Url + "/spaces/user/tmp_test_space/commit/855efb9561990d02233a49204227f93ba5cfaa81")));
        });
    }

    [Test]
    public async Task Commit_of_two_files_and_a_deletion_matches_the_reference_traffic()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/my-space/preupload/main").UsingPost())
            .RespondWith(Json(Preupload(("requirements.txt", "regular", false), ("sub/dir/notes.md", "regular", false))));
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/my-space/commit/main").UsingPost()).RespondWith(Json(HubRecordings.CommitResponse));

        await host.Client.CreateCommitAsync(
            RepoId.Parse("testuser/my-space"),
            RepoType.Space,
            "two files",
            [CommitOperation.AddFile("requirements.txt", "numpy\n"), CommitOperation.AddFile("/sub/dir/notes.md", "# hi\n"), CommitOperation.DeleteFile("old.txt")],
            new CommitOptions { Description = "desc" });

        // Appendix A, verbatim.
        RequestAssert.JsonEquals(RequestAssert.Body(host.Requests[0]),
            """{"files": [{"path": "requirements.txt", "sample": "bnVtcHkK", "size": 6}, {"path": "sub/dir/notes.md", "sample": "IyBoaQo=", "size": 5}]}""");
        NdjsonAssert.LinesEqual(
            RequestAssert.Body(host.Requests[1]),
            """{"key": "header", "value": {"summary": "two files", "description": "desc"}}""",
            """{"key": "file", "value": {"content": "bnVtcHkK", "path": "requirements.txt", "encoding": "base64"}}""",
            """{"key": "file", "value": {"content": "IyBoaQo=", "path": "sub/dir/notes.md", "encoding": "base64"}}""",
            """{"key": "deletedFile", "value": {"path": "old.txt"}}""");
    }

    [Test]
    public async Task Commit_sends_parent_commit_folder_deletions_empty_files_and_leaves_out_ignored_files()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath(new WildcardMatcher("/api/models/testuser/my-model/preupload/*")).UsingPost())
            .RespondWith(Json(Preupload(("empty.txt", "lfs", false), ("ignored.log", "regular", true), ("big.txt", "regular", false))));
        host.Server.Given(Request.Create().WithPath(new WildcardMatcher("/api/models/testuser/my-model/commit/*")).UsingPost()).RespondWith(Json(HubRecordings.CommitResponse));
        var big = new byte[2000];
        for (var i = 0; i < big.Length; i++)
        {
            big[i] = (byte)(i * 7);
        }

        var bigStreamOpened = 0;
        await host.Client.CreateCommitAsync(
            RepoId.Parse("testuser/my-model"),
            RepoType.Model,
            "mixed",
            [
                CommitOperation.AddFile("empty.txt", ReadOnlyMemory<byte>.Empty),
                CommitOperation.AddFile("ignored.log", "noise"),
                CommitOperation.AddFile("./big.txt", () => { bigStreamOpened++; return new NonSeekableStream(big); }),
                CommitOperation.DeleteFolder("assets"),
            ],
            new CommitOptions { Revision = "dev/branch", ParentCommit = "c52ce5e45984b9378ef6247fe7a45ed72b096b24" });

        Assert.That(host.Requests[0].AbsoluteUrl, Does.EndWith("/preupload/dev%2Fbranch"));
        Assert.That(host.Requests[1].AbsoluteUrl, Does.EndWith("/commit/dev%2Fbranch"));
        RequestAssert.JsonEquals(RequestAssert.Body(host.Requests[0]), $$"""
            {"files":[{"path":"empty.txt","sample":"","size":0},{"path":"ignored.log","sample":"bm9pc2U=","size":5},
                      {"path":"big.txt","sample":"{{Convert.ToBase64String(big, 0, 512)}}","size":2000}]}
            """);
        NdjsonAssert.LinesEqual(
            RequestAssert.Body(host.Requests[1]),
            """{"key":"header","value":{"summary":"mixed","description":"","parentCommit":"c52ce5e45984b9378ef6247fe7a45ed72b096b24"}}""",
            """{"key":"file","value":{"content":"","path":"empty.txt","encoding":"base64"}}""",
            $$"""{"key":"file","value":{"content":"{{Convert.ToBase64String(big)}}","path":"big.txt","encoding":"base64"} }""",
            """{"key":"deletedFolder","value":{"path":"assets/"}}""");
        Assert.That(bigStreamOpened, Is.EqualTo(2), "one pass counts the size of a non-seekable stream, one sends it");
    }

    [Test]
    public async Task Commit_through_lfs_batches_puts_without_the_token_verifies_and_commits_an_lfsFile_line()
    {
        using var host = new HubTestHost();
        using var storage = WireMockServer.Start();
        var content = Enumerable.Range(0, 160).Select(i => (byte)(i % 7 == 0 ? 0 : 'a' + (i % 26))).ToArray();
        var oid = Convert.ToHexStringLower(SHA256.HashData(content));
        host.Server.Given(Request.Create().WithPath("/api/models/testuser/my-model/preupload/main").UsingPost())
            .RespondWith(Json(Preupload(("weights.bin", "lfs", false))));
        host.Server.Given(Request.Create().WithPath("/testuser/my-model.git/info/lfs/objects/batch").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/vnd.git-lfs+json").WithBody($$"""
                {"transfer":"basic","objects":[{"oid":"{{oid}}","size":160,"authenticated":true,"actions":{
                  "upload":{"href":"{{storage.Url}}/__lfs_storage/{{oid}}?X-Amz-Signature=abc","header":{"X-Amz-Meta-Check":"yes"},"expires_at":"2030-01-01T00:00:00Z"},
                  "verify":{"href":"{{host.Server.Url}}/__lfs_verify","header":{"X-Verify-Note":"v"} } } }]}
                """));
        storage.Given(Request.Create().WithPath($"/__lfs_storage/{oid}").UsingPut()).RespondWith(Response.Create().WithStatusCode(200));
        host.Server.Given(Request.Create().WithPath("/__lfs_verify").UsingPost()).RespondWith(Json("{}"));
        host.Server.Given(Request.Create().WithPath("/api/models/testuser/my-model/commit/main").UsingPost()).RespondWith(Json(HubRecordings.CommitResponse));

        await host.Client.CreateCommitAsync(RepoId.Parse("testuser/my-model"), RepoType.Model, "lfs file", [CommitOperation.AddFile("weights.bin", content)]);

        var hub = host.Requests;
        Assert.That(hub.Select(r => new Uri(r.AbsoluteUrl).AbsolutePath), Is.EqualTo(new[]
        {
            "/api/models/testuser/my-model/preupload/main", "/testuser/my-model.git/info/lfs/objects/batch", "/__lfs_verify", "/api/models/testuser/my-model/commit/main",
        }));
        RequestAssert.JsonEquals(RequestAssert.Body(hub[0]), $$"""{"files":[{"path":"weights.bin","sample":"{{Convert.ToBase64String(content)}}","size":160}]}""");

        var batch = hub[1];
        RequestAssert.IsHubCall(batch, "POST", "/testuser/my-model.git/info/lfs/objects/batch", "application/vnd.git-lfs+json");
        Assert.That(RequestAssert.Header(batch, "Accept"), Is.EqualTo("application/vnd.git-lfs+json"));
        RequestAssert.JsonEquals(RequestAssert.Body(batch),
            $$"""{"operation": "upload", "transfers": ["basic", "multipart"], "objects": [{"oid": "{{oid}}", "size": 160}], "hash_algo": "sha256", "ref": {"name": "main"} }""");

        var put = HubTestHost.RequestsOf(storage).Single();
        Assert.Multiple(() =>
        {
            Assert.That(put.Method, Is.EqualTo("PUT"));
            Assert.That(RequestAssert.RawQuery(put), Is.EqualTo("X-Amz-Signature=abc"));
            Assert.That(RequestAssert.Header(put, "Authorization"), Is.Null, "the Hub token never goes to the storage host");
            Assert.That(RequestAssert.Header(put, "X-Amz-Meta-Check"), Is.EqualTo("yes"), "the action's headers are sent");
            Assert.That(RequestAssert.Header(put, "Content-Length"), Is.EqualTo("160"));
            Assert.That(RequestAssert.BodyBytes(put), Is.EqualTo(content));
        });

        RequestAssert.IsHubCall(hub[2], "POST", "/__lfs_verify", "application/json");
        Assert.That(RequestAssert.Header(hub[2], "X-Verify-Note"), Is.EqualTo("v"));
        RequestAssert.JsonEquals(RequestAssert.Body(hub[2]), $$"""{"oid":"{{oid}}","size":160}""");
        NdjsonAssert.LinesEqual(
            RequestAssert.Body(hub[3]),
            """{"key": "header", "value": {"summary": "lfs file", "description": ""}}""",
            $$"""{"key": "lfsFile", "value": {"path": "weights.bin", "algo": "sha256", "oid": "{{oid}}", "size": 160} }""");
    }

    [Test]
    public async Task Commit_through_multipart_lfs_puts_each_slice_and_completes_with_the_etags()
    {
        using var host = new HubTestHost();
        using var storage = WireMockServer.Start();
        var content = RandomNumberGenerator.GetBytes(160);
        var oid = Convert.ToHexStringLower(SHA256.HashData(content));
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/app/preupload/main").UsingPost()).RespondWith(Json(Preupload(("model.bin", "lfs", false))));
        host.Server.Given(Request.Create().WithPath("/spaces/testuser/app.git/info/lfs/objects/batch").UsingPost())
            .RespondWith(Json($$"""
                {"transfer":"multipart","objects":[{"oid":"{{oid}}","size":160,"actions":{"upload":{"href":"{{storage.Url}}/complete?uploadId=u1",
                  "header":{"chunk_size":"64","2":"{{storage.Url}}/part?n=2","1":"{{storage.Url}}/part?n=1","3":"{{storage.Url}}/part?n=3"} } } }]}
                """));
        for (var n = 1; n <= 3; n++)
        {
            storage.Given(Request.Create().WithPath("/part").WithParam("n", n.ToString(System.Globalization.CultureInfo.InvariantCulture)).UsingPut())
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", $"\"etag-{n}\""));
        }

        storage.Given(Request.Create().WithPath("/complete").UsingPost()).RespondWith(Json("{}"));
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/app/commit/main").UsingPost()).RespondWith(Json(HubRecordings.CommitResponse));

        await host.Client.CreateCommitAsync(RepoId.Parse("testuser/app"), RepoType.Space, "big", [CommitOperation.AddFile("model.bin", content)]);

        var parts = HubTestHost.RequestsOf(storage).Where(r => r.Method == "PUT").ToList();
        Assert.That(parts.Select(RequestAssert.RawQuery), Is.EqualTo(new[] { "n=1", "n=2", "n=3" }));
        Assert.That(parts.Select(p => RequestAssert.BodyBytes(p).Length), Is.EqualTo(new[] { 64, 64, 32 }));
        Assert.That(parts.SelectMany(RequestAssert.BodyBytes).ToArray(), Is.EqualTo(content));
        Assert.That(parts.Select(p => RequestAssert.Header(p, "Authorization")), Is.All.Null);

        var completion = HubTestHost.RequestsOf(storage).Single(r => r.Method == "POST");
        Assert.That(RequestAssert.Header(completion, "Content-Type"), Is.EqualTo("application/vnd.git-lfs+json"));
        Assert.That(RequestAssert.Header(completion, "Authorization"), Is.Null);
        RequestAssert.JsonEquals(RequestAssert.Body(completion), $$"""
            {"oid":"{{oid}}","parts":[{"partNumber":1,"etag":"\"etag-1\""},{"partNumber":2,"etag":"\"etag-2\""},{"partNumber":3,"etag":"\"etag-3\""}]}
            """);
        NdjsonAssert.LinesEqual(
            RequestAssert.Body(host.Requests.Last()),
            """{"key":"header","value":{"summary":"big","description":""}}""",
            $$"""{"key":"lfsFile","value":{"path":"model.bin","algo":"sha256","oid":"{{oid}}","size":160} }""");
    }

    [Test]
    public async Task Commit_skips_the_upload_of_an_lfs_object_the_server_already_has()
    {
        using var host = new HubTestHost();
        var content = Encoding.UTF8.GetBytes("already there");
        var oid = Convert.ToHexStringLower(SHA256.HashData(content));
        host.Server.Given(Request.Create().WithPath("/api/models/testuser/m/preupload/main").UsingPost()).RespondWith(Json(Preupload(("w.bin", "lfs", false))));
        host.Server.Given(Request.Create().WithPath("/testuser/m.git/info/lfs/objects/batch").UsingPost())
            .RespondWith(Json($$"""{"objects":[{"oid":"{{oid}}","size":{{content.Length}}}]}"""));
        host.Server.Given(Request.Create().WithPath("/api/models/testuser/m/commit/main").UsingPost()).RespondWith(Json(HubRecordings.CommitResponse));

        await host.Client.CreateCommitAsync(RepoId.Parse("testuser/m"), RepoType.Model, "again", [CommitOperation.AddFile("w.bin", content)]);

        Assert.That(host.Requests, Has.Count.EqualTo(3));
        Assert.That(RequestAssert.Body(host.Requests[2]), Does.Contain("\"lfsFile\"").And.Contain(oid));
    }

    [Test]
    public void Commit_stops_when_the_lfs_server_refuses_an_object()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/models/testuser/m/preupload/main").UsingPost()).RespondWith(Json(Preupload(("w.bin", "lfs", false))));
        host.Server.Given(Request.Create().WithPath("/testuser/m.git/info/lfs/objects/batch").UsingPost())
            .RespondWith(Json($$"""{"objects":[{"oid":"{{Convert.ToHexStringLower(SHA256.HashData("x"u8))}}","size":1,"error":{"code":422,"message":"Object too large"} }]}"""));

        var ex = Assert.ThrowsAsync<HfApiException>(() =>
            host.Client.CreateCommitAsync(RepoId.Parse("testuser/m"), RepoType.Model, "s", [CommitOperation.AddFile("w.bin", "x")]));

        Assert.That((int)ex!.StatusCode, Is.EqualTo(422));
        Assert.That(ex.Message, Does.Contain("w.bin").And.Contain("Object too large"));
        Assert.That(host.Requests.Any(r => r.AbsoluteUrl.Contains("/commit/", StringComparison.Ordinal)), Is.False, "no commit after a failed upload");
    }

    [Test]
    public async Task Preupload_is_retried_because_it_is_marked_safe_but_the_commit_is_not()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/app/preupload/main").UsingPost())
            .InScenario("preupload").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "0"));
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/app/preupload/main").UsingPost())
            .InScenario("preupload").WhenStateIs("recovered")
            .RespondWith(Json(Preupload(("app.py", "regular", false))));
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/app/commit/main").UsingPost())
            .RespondWith(Json("""{"error":"Internal Error"}""", 500).WithHeader("Retry-After", "0"));

        var ex = Assert.ThrowsAsync<HfApiException>(() =>
            host.Client.CreateCommitAsync(RepoId.Parse("testuser/app"), RepoType.Space, "s", [CommitOperation.AddFile("app.py", "print(1)\n")]));

        Assert.That((int)ex!.StatusCode, Is.EqualTo(500));
        var paths = host.Requests.Select(r => new Uri(r.AbsoluteUrl).AbsolutePath).ToList();
        Assert.That(paths.Count(p => p.EndsWith("/preupload/main", StringComparison.Ordinal)), Is.EqualTo(2), "preupload retried once");
        Assert.That(paths.Count(p => p.EndsWith("/commit/main", StringComparison.Ordinal)), Is.EqualTo(1), "the commit POST is never retried");
        await Task.CompletedTask;
    }

    [Test]
    public void Commit_rejects_bad_input_before_any_request()
    {
        using var host = new HubTestHost();
        var id = RepoId.Parse("testuser/app");

        Assert.ThrowsAsync<ArgumentException>(() => host.Client.CreateCommitAsync(id, RepoType.Space, "s", []));
        Assert.ThrowsAsync<ArgumentException>(() => host.Client.CreateCommitAsync(id, RepoType.Space, " ", [CommitOperation.DeleteFile("a")]));
        var twice = Assert.ThrowsAsync<ArgumentException>(() =>
            host.Client.CreateCommitAsync(id, RepoType.Space, "s", [CommitOperation.AddFile("a.txt", "1"), CommitOperation.AddFile("/a.txt", "2")]));
        var parent = Assert.ThrowsAsync<ArgumentException>(() =>
            host.Client.CreateCommitAsync(id, RepoType.Space, "s", [CommitOperation.DeleteFile("a")], new CommitOptions { ParentCommit = "not-a-sha" }));

        Assert.That(twice!.Message, Does.Contain("'a.txt' is added more than once"));
        Assert.That(parent!.Message, Does.Contain("not-a-sha"));
        Assert.That(host.Requests, Is.Empty);
    }

    [TestCase("/app.py", "app.py")]
    [TestCase("./app.py", "app.py")]
    [TestCase("sub/dir/notes.md", "sub/dir/notes.md")]
    [TestCase("..data/x", "..data/x")]
    public void Paths_in_the_repo_are_normalised(string path, string expected) =>
        Assert.That(CommitOperation.DeleteFile(path).PathInRepo, Is.EqualTo(expected));

    [TestCase(".", "does not name a file")]
    [TestCase("..", "does not name a file")]
    [TestCase("../x", "'..' segment")]
    [TestCase("a/../../x", "'..' segment")]
    [TestCase(".git/config", "'.git' segment")]
    [TestCase("sub/.cache/x", "'.cache' segment")]
    [TestCase("a//b", "empty segment")]
    [TestCase("a\\b", "backslash")]
    [TestCase("", "must not be empty")]
    public void Bad_paths_in_the_repo_are_rejected_with_a_clear_message(string path, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => CommitOperation.AddFile(path, "x"));
        Assert.That(ex!.Message, Does.Contain(expected));
        Assert.That(ex.ParamName, Is.EqualTo("pathInRepo"));
    }

    [Test]
    public void DeleteFolder_adds_the_trailing_slash()
    {
        Assert.That(CommitOperation.DeleteFolder("assets").PathInRepo, Is.EqualTo("assets/"));
        Assert.That(CommitOperation.DeleteFolder("assets/").PathInRepo, Is.EqualTo("assets/"));
    }

    [Test]
    public async Task AddLocalFile_streams_the_file_from_disk()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/app/preupload/main").UsingPost()).RespondWith(Json(Preupload(("app.py", "regular", false))));
        host.Server.Given(Request.Create().WithPath("/api/spaces/testuser/app/commit/main").UsingPost()).RespondWith(Json(HubRecordings.CommitResponse));
        var path = Path.Combine(Path.GetTempPath(), $"sf-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(path, "import gradio as gr\n");
        try
        {
            await host.Client.CreateCommitAsync(RepoId.Parse("testuser/app"), RepoType.Space, "add app", [CommitOperation.AddLocalFile("app.py", path)]);
        }
        finally
        {
            File.Delete(path);
        }

        // Appendix A: app.py = "import gradio as gr\n" (20 bytes).
        RequestAssert.JsonEquals(RequestAssert.Body(host.Requests[0]), """{"files": [{"path": "app.py", "sample": "aW1wb3J0IGdyYWRpbyBhcyBncgo=", "size": 20}]}""");
        Assert.That(RequestAssert.Body(host.Requests[1]), Does.Contain("\"content\":\"aW1wb3J0IGdyYWRpbyBhcyBncgo=\""));
        Assert.Throws<FileNotFoundException>(() => CommitOperation.AddLocalFile("x", path));
    }

    /// <summary>A stream that cannot seek, so the client must count its length by reading it.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
