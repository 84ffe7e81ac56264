using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace SpaceFactory.Sandbox.Tests;

[TestFixture]
public sealed class BucketsTests
{
    private HfSandbox _sandbox = null!;
    private SandboxTestClient _client = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { CompileCheck = false, SeedModels = false });
        _client = new SandboxTestClient(_sandbox, _sandbox.DefaultToken);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    private async Task<string> CreateWithFilesAsync(string name, bool isPrivate)
    {
        var created = await _client.Http.PostAsync("/api/buckets/me/" + name, SandboxTestClient.Json(isPrivate ? """{"private": true}""" : "{}"));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var folder = _sandbox.Inspector.GetBucketFolder("sandbox-user/" + name);
        Directory.CreateDirectory(Path.Combine(folder, "runs", "r1"));
        await File.WriteAllTextAsync(Path.Combine(folder, "runs", "r1", "state.json"), "{\"status\":\"ok\"}");
        await File.WriteAllTextAsync(Path.Combine(folder, "top.txt"), "0123456789");
        return folder;
    }

    [Test]
    public async Task Create_get_list_and_conflict()
    {
        var created = await _client.Http.PostAsync("/api/buckets/me/out", SandboxTestClient.Json("{}"));
        var body = await SandboxTestClient.ReadJsonAsync(created);
        var again = await _client.Http.PostAsync("/api/buckets/sandbox-user/out", SandboxTestClient.Json("{}"));
        var info = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/buckets/sandbox-user/out"));
        var list = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/buckets/me"));

        Assert.Multiple(() =>
        {
            Assert.That(body["url"]!.GetValue<string>(), Is.EqualTo(_sandbox.Endpoint + "buckets/sandbox-user/out"));
            Assert.That(body["id"]!.GetValue<string>(), Is.EqualTo("sandbox-user/out"));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(info.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "id", "private", "createdAt", "size", "totalFiles" }));
            Assert.That(info["private"]!.GetValue<bool>(), Is.False);
            Assert.That(list.AsArray().Single()!["id"]!.GetValue<string>(), Is.EqualTo("sandbox-user/out"));
        });
    }

    [Test]
    public async Task Tree_is_recursive_unless_recursive_false()
    {
        await CreateWithFilesAsync("t", isPrivate: false);

        var recursive = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/buckets/sandbox-user/t/tree?recursive=true"));
        var flat = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/buckets/sandbox-user/t/tree?recursive=false"));
        var sub = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/buckets/sandbox-user/t/tree/runs?recursive=true"));
        var info = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/buckets/sandbox-user/t"));

        Assert.Multiple(() =>
        {
            Assert.That(recursive.AsArray().Select(e => e!["path"]!.GetValue<string>()), Is.EqualTo(new[] { "runs/r1/state.json", "top.txt" }));
            Assert.That(recursive[1]!["type"]!.GetValue<string>(), Is.EqualTo("file"));
            Assert.That(recursive[1]!["size"]!.GetValue<long>(), Is.EqualTo(10));
            Assert.That(recursive[1]!["xetHash"]!.GetValue<string>(), Does.Match("^[0-9a-f]{64}$"));
            Assert.That(flat.AsArray().Select(e => e!["type"]!.GetValue<string>() + ":" + e["path"]!.GetValue<string>()), Is.EqualTo(new[] { "directory:runs", "file:top.txt" }));
            Assert.That(sub.AsArray().Single()!["path"]!.GetValue<string>(), Is.EqualTo("runs/r1/state.json"));
            Assert.That(info["totalFiles"]!.GetValue<int>(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Paths_info_returns_known_files_only()
    {
        await CreateWithFilesAsync("p", isPrivate: false);

        var response = await _client.Http.PostAsync("/api/buckets/sandbox-user/p/paths-info", SandboxTestClient.Json("""{"paths": ["top.txt", "missing.txt", "runs/r1/state.json"]}"""));
        var body = await SandboxTestClient.ReadJsonAsync(response);

        Assert.That(body.AsArray().Select(e => e!["path"]!.GetValue<string>()), Is.EqualTo(new[] { "top.txt", "runs/r1/state.json" }));
    }

    [Test]
    public async Task Resolve_serves_files_with_ranges()
    {
        await CreateWithFilesAsync("r", isPrivate: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/buckets/sandbox-user/r/resolve/top.txt");
        request.Headers.Range = new RangeHeaderValue(2, 4);

        var full = await _client.Http.GetStringAsync("/buckets/sandbox-user/r/resolve/runs/r1/state.json");
        var range = await _client.Http.SendAsync(request);
        var missing = await _client.Http.GetAsync("/buckets/sandbox-user/r/resolve/nope");

        Assert.That(full, Is.EqualTo("{\"status\":\"ok\"}"));
        Assert.That(range.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await range.Content.ReadAsStringAsync(), Is.EqualTo("234"));
        Assert.That(missing.Headers.GetValues("X-Error-Code").Single(), Is.EqualTo("EntryNotFound"));
    }

    [Test]
    public async Task A_file_being_appended_is_served_as_a_consistent_snapshot()
    {
        var folder = await CreateWithFilesAsync("appending", isPrivate: false);
        var path = Path.Combine(folder, "runs", "r1", "events.jsonl");
        using var writer = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read | FileShare.Delete, 4096, useAsync: true);
        using var stop = new CancellationTokenSource();
        var line = Encoding.UTF8.GetBytes("{\"seq\":1,\"type\":\"step_started\",\"message\":\"" + new string('x', 300) + "\"}\n");
        var appending = Task.Run(async () =>
        {
            for (var i = 0; i < 20_000 && !stop.IsCancellationRequested; i++)
            {
                await writer.WriteAsync(line);
                await writer.FlushAsync();
            }
        });

        var failures = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            using var response = await _client.Http.GetAsync("/buckets/sandbox-user/appending/resolve/runs/r1/events.jsonl");
            var body = await response.Content.ReadAsByteArrayAsync();
            var etag = response.Headers.ETag?.Tag.Trim('"');
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentLength != body.Length ||
                etag != Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)))
            {
                failures.Add($"{(int)response.StatusCode}, length {response.Content.Headers.ContentLength} for {body.Length} bytes, etag {etag}: {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)))}");
            }
        }

        await stop.CancelAsync();
        await appending;
        Assert.That(failures, Is.Empty, "every answer is one snapshot: its status 200, its length and its ETag those of the bytes sent");
    }

    [Test]
    public async Task Batch_deletes_files_and_refuses_xet_adds_with_501()
    {
        var folder = await CreateWithFilesAsync("b", isPrivate: false);

        var delete = await _client.Http.PostAsync("/api/buckets/sandbox-user/b/batch", new StringContent("{\"type\":\"deleteFile\",\"path\":\"top.txt\"}\n", Encoding.UTF8, "application/x-ndjson"));
        var add = await _client.Http.PostAsync("/api/buckets/sandbox-user/b/batch", new StringContent("{\"type\":\"addFile\",\"path\":\"x\",\"xetHash\":\"" + new string('a', 64) + "\"}\n", Encoding.UTF8, "application/x-ndjson"));
        var missing = await _client.Http.PostAsync("/api/buckets/sandbox-user/b/batch", new StringContent("{\"type\":\"deleteFile\",\"path\":\"nope\"}\n", Encoding.UTF8, "application/x-ndjson"));

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await SandboxTestClient.ReadJsonAsync(delete))["success"]!.GetValue<bool>(), Is.True);
        Assert.That(File.Exists(Path.Combine(folder, "top.txt")), Is.False);
        Assert.That(add.StatusCode, Is.EqualTo(HttpStatusCode.NotImplemented));
        Assert.That((await SandboxTestClient.ReadJsonAsync(add))["error"]!.GetValue<string>(), Does.Contain("Xet uploads are not emulated"));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
    }

    [Test]
    public async Task Batch_adds_and_copies_content_whose_xet_hash_is_known_and_reports_unknown_copy_sources()
    {
        var source = await CreateWithFilesAsync("src", isPrivate: false);
        await _client.Http.PostAsync("/api/buckets/sandbox-user/dst", SandboxTestClient.Json("{}"));
        var hash = (await SandboxTestClient.ReadJsonAsync(await _client.Http.PostAsync("/api/buckets/sandbox-user/src/paths-info", SandboxTestClient.Json("{\"paths\":[\"top.txt\"]}"))))[0]!["xetHash"]!.GetValue<string>();
        var lines = "{\"type\":\"addFile\",\"path\":\"added/top.txt\",\"xetHash\":\"" + hash + "\",\"mtime\":1724000000000,\"contentType\":\"text/plain\"}\n"
            + "{\"type\":\"copyFile\",\"path\":\"copied.txt\",\"xetHash\":\"" + hash + "\",\"sourceRepoType\":\"bucket\",\"sourceRepoId\":\"sandbox-user/src\"}\n";
        var batch = await _client.Http.PostAsync("/api/buckets/sandbox-user/dst/batch", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));
        var badCopy = await _client.Http.PostAsync("/api/buckets/sandbox-user/dst/batch", new StringContent("{\"type\":\"copyFile\",\"path\":\"x\",\"xetHash\":\"" + new string('b', 64) + "\",\"sourceRepoType\":\"bucket\",\"sourceRepoId\":\"sandbox-user/src\"}\n", Encoding.UTF8, "application/x-ndjson"));
        var tree = (await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/buckets/sandbox-user/dst/tree?recursive=true"))).AsArray();

        Assert.Multiple(async () =>
        {
            Assert.That(batch.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var body = await SandboxTestClient.ReadJsonAsync(batch);
            Assert.That(body["processed"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(body["succeeded"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(await _client.Http.GetStringAsync("/buckets/sandbox-user/dst/resolve/added/top.txt"), Is.EqualTo(await File.ReadAllTextAsync(Path.Combine(source, "top.txt"))));
            Assert.That(tree.Select(e => e!["path"]!.GetValue<string>()), Is.EquivalentTo(new[] { "added/top.txt", "copied.txt" }));
            Assert.That(tree.Select(e => e!["xetHash"]!.GetValue<string>()), Is.All.EqualTo(hash));
            Assert.That(tree.Single(e => e!["path"]!.GetValue<string>() == "added/top.txt")!["mtime"]!.GetValue<string>(), Does.StartWith("2024-08-18"));
            Assert.That(badCopy.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That((await SandboxTestClient.ReadJsonAsync(badCopy))["failed"]![0]!["path"]!.GetValue<string>(), Is.EqualTo("x"));
        });
    }

    [Test]
    public async Task A_private_bucket_is_404_to_others_and_401_anonymously_and_delete_removes_it()
    {
        await CreateWithFilesAsync("priv", isPrivate: true);
        using var other = new SandboxTestClient(_sandbox, _sandbox.IssueToken("other"));
        using var anonymous = new SandboxTestClient(_sandbox, null);

        var otherInfo = await other.Http.GetAsync("/api/buckets/sandbox-user/priv");
        var anonymousTree = await anonymous.Http.GetAsync("/api/buckets/sandbox-user/priv/tree");
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/buckets/sandbox-user/priv");
        var deleted = await _client.Http.SendAsync(delete);
        var after = await _client.Http.GetAsync("/api/buckets/sandbox-user/priv");

        Assert.That(otherInfo.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(otherInfo.Headers.GetValues("X-Error-Code").Single(), Is.EqualTo("RepoNotFound"));
        Assert.That(anonymousTree.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
