using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SpaceFactory.Hf.Buckets;
using SpaceFactory.Hf.Tests.TestSupport;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceFactory.Hf.Tests.Buckets;

/// <summary>One contract test per Storage Bucket operation against WireMock, through the real <c>AddHuggingFace</c> registration.</summary>
[TestFixture(ClientConstruction.AddHuggingFace)]
[TestFixture(ClientConstruction.HfClients)]
[CancelAfter(30_000)]
public class BucketClientContractTests(ClientConstruction construction)
{
    private const string BucketInfoJson = """{"id":"testuser/my-bucket","private":true,"createdAt":"2026-02-06T17:37:57.000Z","size":551879671,"totalFiles":12}""";
    private static readonly RepoId Bucket = RepoId.Parse("testuser/my-bucket");

    private WireMockServer _server = null!;
    private BuiltClients _services = null!;
    private BucketClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _server = WireMockServer.Start();
        _services = TestClients.Build(construction, _server.Url!);
        _client = _services.Buckets;
    }

    [TearDown]
    public void TearDown()
    {
        _services.Dispose();
        _server.Dispose();
    }

    private void Answer(string path, string method, string body, int status = 200, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        _server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(response);
    }

    private List<IRequestMessage> Requests => [.. _server.LogEntries.Select(e => e.RequestMessage!)];

    private static void AssertAuthorized(IRequestMessage request) =>
        Assert.That(request.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + TestClients.Token));

    [Test]
    public async Task CreateBucket_posts_private_true()
    {
        Answer("/api/buckets/testuser/my-bucket", "POST", """{"url":"https://huggingface.co/buckets/testuser/my-bucket","id":"b1"}""");

        var result = await _client.CreateBucketAsync(Bucket);

        var request = Requests.Single();
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.Path, Is.EqualTo("/api/buckets/testuser/my-bucket"));
        Assert.That(request.Headers!["Content-Type"].Single(), Does.StartWith("application/json"));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(request.Body!), JsonNode.Parse("""{"private": true}""")), Is.True, request.Body);
        AssertAuthorized(request);
        Assert.That(result, Is.EqualTo(new BucketCreateResult(Bucket, new Uri("https://huggingface.co/buckets/testuser/my-bucket"), Created: true)));
    }

    [Test]
    public async Task CreateBucket_under_me_learns_the_namespace_from_the_answer()
    {
        Answer("/api/buckets/me/records", "POST", """{"url":"https://huggingface.co/buckets/alice/records"}""");

        var result = await _client.CreateBucketAsync(RepoId.Parse("records"), new BucketCreateOptions { Private = null, Region = "eu" });

        Assert.That(Requests.Single().Body, Is.EqualTo("""{"region":"eu"}"""));
        Assert.That(result.Bucket, Is.EqualTo(RepoId.Parse("alice/records")));
    }

    [Test]
    public void CreateBucket_that_exists_is_a_conflict()
    {
        Answer("/api/buckets/testuser/my-bucket", "POST", """{"error":"You already created this bucket","url":"https://huggingface.co/buckets/testuser/my-bucket"}""", 409);
        var error = Assert.ThrowsAsync<HfConflictException>(() => _client.CreateBucketAsync(Bucket));
        Assert.That(error!.Message, Does.Contain("already created"));
        Assert.That(Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CreateBucket_reuses_an_existing_private_bucket_when_asked()
    {
        Answer("/api/buckets/testuser/my-bucket", "POST", """{"error":"exists"}""", 409);
        Answer("/api/buckets/testuser/my-bucket", "GET", BucketInfoJson);

        var result = await _client.CreateBucketAsync(Bucket, new BucketCreateOptions { ReuseExisting = true });

        Assert.That(Requests.Select(r => r.Method), Is.EqualTo(new[] { "POST", "GET" }));
        Assert.That(result.Created, Is.False);
        Assert.That(result.Bucket, Is.EqualTo(Bucket));
        Assert.That(result.Url!.AbsolutePath, Is.EqualTo("/buckets/testuser/my-bucket"));
    }

    [Test]
    public void CreateBucket_refuses_to_reuse_a_public_bucket_as_private()
    {
        Answer("/api/buckets/testuser/my-bucket", "POST", """{"error":"exists"}""", 409);
        Answer("/api/buckets/testuser/my-bucket", "GET", BucketInfoJson.Replace("\"private\":true", "\"private\":false", StringComparison.Ordinal));
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => _client.CreateBucketAsync(Bucket, new BucketCreateOptions { ReuseExisting = true }));
        Assert.That(error!.Message, Does.Contain("is public"));
    }

    [Test]
    public async Task GetBucket_reads_the_bucket()
    {
        Answer("/api/buckets/testuser/my-bucket", "GET", BucketInfoJson);

        var info = await _client.GetBucketAsync(Bucket);

        Assert.That(Requests.Single().Method, Is.EqualTo("GET"));
        AssertAuthorized(Requests.Single());
        Assert.That(info, Is.EqualTo(new BucketInfo
        {
            Id = "testuser/my-bucket",
            Private = true,
            CreatedAt = new DateTimeOffset(2026, 2, 6, 17, 37, 57, TimeSpan.Zero),
            Size = 551879671,
            TotalFiles = 12,
        }));
        Assert.That(() => _client.GetBucketAsync(RepoId.Parse("my-bucket")), Throws.ArgumentException.With.Message.Contains("no namespace"));
    }

    [Test]
    public async Task ListBuckets_defaults_to_me_and_follows_pages()
    {
        _server.Given(Request.Create().WithPath("/api/buckets/me").WithParam("cursor", "2").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"[{BucketInfoJson.Replace("my-bucket", "b3", StringComparison.Ordinal)}]"));
        _server.Given(Request.Create().WithPath("/api/buckets/me").UsingGet()).AtPriority(2)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithHeader("Link", "</api/buckets/me?search=b&cursor=2>; rel=\"next\"")
                .WithBody($"[{BucketInfoJson.Replace("my-bucket", "b1", StringComparison.Ordinal)},{BucketInfoJson.Replace("my-bucket", "b2", StringComparison.Ordinal)}]"));

        var ids = new List<string>();
        await foreach (var bucket in _client.ListBucketsAsync(search: "b"))
        {
            ids.Add(bucket.Id);
        }

        Assert.That(ids, Is.EqualTo(new[] { "testuser/b1", "testuser/b2", "testuser/b3" }));
        Assert.That(Requests.Select(r => r.RawQuery), Is.EqualTo(new[] { "?search=b", "?search=b&cursor=2" }));
    }

    [Test]
    public async Task DeleteBucket_deletes_and_tolerates_a_missing_bucket_when_asked()
    {
        Answer("/api/buckets/testuser/my-bucket", "DELETE", "{}");
        _server.Given(Request.Create().WithPath("/api/buckets/testuser/gone").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Error-Code", "RepoNotFound").WithBody("""{"error":"Bucket not found"}"""));

        Assert.That(await _client.DeleteBucketAsync(Bucket), Is.True);
        Assert.That(await _client.DeleteBucketAsync(RepoId.Parse("testuser/gone"), missingOk: true), Is.False);
        Assert.ThrowsAsync<HfNotFoundException>(() => _client.DeleteBucketAsync(RepoId.Parse("testuser/gone")));
        Assert.That(Requests.Select(r => $"{r.Method} {r.Path}"), Is.EqualTo(new[]
        {
            "DELETE /api/buckets/testuser/my-bucket", "DELETE /api/buckets/testuser/gone", "DELETE /api/buckets/testuser/gone",
        }));
    }

    [Test]
    public async Task ListFiles_always_sends_recursive_and_escapes_the_folder()
    {
        const string entries = """
            [{"type":"file","path":"checkpoints/model.safetensors","size":2408828,
              "xetHash":"3ed0e9fefe788ddd61d1e26eba67057e9740a064b009256fbafadf6bb95785ca",
              "mtime":"2024-09-25T15:31:02.346Z","uploadedAt":"2024-09-25T15:31:05.000Z"},
             {"type":"directory","path":"checkpoints/sub","uploadedAt":"2024-09-25T15:31:05.000Z"}]
            """;
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(entries));

        var root = new List<BucketEntry>();
        await foreach (var entry in _client.ListFilesAsync(new BucketUri(Bucket), recursive: true))
        {
            root.Add(entry);
        }

        await foreach (var _ in _client.ListFilesAsync(new BucketUri(Bucket, "runs/42 a"), recursive: false))
        {
        }

        var requests = Requests;
        Assert.That(requests[0].Path, Is.EqualTo("/api/buckets/testuser/my-bucket/tree"));
        Assert.That(requests[0].RawQuery, Is.EqualTo("?recursive=true"));
        // The folder is one escaped segment (quote(path, safe="")): the server still sees %2F (it decodes only %20).
        Assert.That(requests[1].Url, Does.EndWith("/api/buckets/testuser/my-bucket/tree/runs%2F42 a?recursive=false"));
        AssertAuthorized(requests[1]);
        Assert.That(root[0].IsFile, Is.True);
        Assert.That(root[0].Size, Is.EqualTo(2408828));
        Assert.That(root[0].XetHash, Has.Length.EqualTo(64));
        Assert.That(root[0].ModifiedAt, Is.EqualTo(new DateTimeOffset(2024, 9, 25, 15, 31, 2, 346, TimeSpan.Zero)));
        Assert.That(root[1].IsDirectory, Is.True);
    }

    [Test]
    public async Task GetPathsInfo_posts_paths_in_chunks_of_1000()
    {
        Answer("/api/buckets/testuser/my-bucket/paths-info", "POST", """[{"type":"file","path":"p0","size":1}]""");
        var paths = Enumerable.Range(0, 1001).Select(i => $"p{i}").ToList();

        var entries = await _client.GetPathsInfoAsync(Bucket, paths);

        var requests = Requests;
        Assert.That(requests, Has.Count.EqualTo(2));
        Assert.That(requests.Select(r => r.Method), Is.All.EqualTo("POST"));
        Assert.That(JsonNode.Parse(requests[0].Body!)!["paths"]!.AsArray(), Has.Count.EqualTo(1000));
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(requests[1].Body!), JsonNode.Parse("""{"paths":["p1000"]}""")), Is.True);
        Assert.That(entries, Has.Count.EqualTo(2));
        Assert.That(() => _client.GetPathsInfoAsync(Bucket, ["ok", "/abs"]), Throws.ArgumentException.With.Message.Contains("#1").And.Message.Contains("must not start with '/'"));
    }

    [Test]
    public async Task OpenRead_gets_the_file_through_resolve()
    {
        _server.Given(Request.Create().WithPath("/buckets/testuser/my-bucket/resolve/runs/42/state.json").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/octet-stream").WithBody("0123456789abcdefghij"));

        await using var stream = await _client.OpenReadAsync(new BucketUri(Bucket, "runs/42/state.json"));
        using var reader = new StreamReader(stream);

        Assert.That(await reader.ReadToEndAsync(), Is.EqualTo("0123456789abcdefghij"));
        var request = Requests.Single();
        Assert.That(request.Method, Is.EqualTo("GET"));
        Assert.That(request.Headers!.ContainsKey("Range"), Is.False);
        AssertAuthorized(request);
    }

    [Test]
    public async Task OpenRead_sends_a_range_and_reads_the_partial_answer()
    {
        _server.Given(Request.Create().WithPath("/buckets/testuser/my-bucket/resolve/f.bin").WithHeader("Range", "bytes=10-14").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(206).WithHeader("Content-Range", "bytes 10-14/20").WithBody("abcde"));

        await using var stream = await _client.OpenReadAsync(new BucketUri(Bucket, "f.bin"), offset: 10, length: 5);

        Assert.That(await new StreamReader(stream).ReadToEndAsync(), Is.EqualTo("abcde"));
        Assert.That(Requests.Single().Headers!["Range"].Single(), Is.EqualTo("bytes=10-14"));
    }

    [Test]
    public async Task OpenRead_cuts_the_range_when_the_server_ignores_it()
    {
        _server.Given(Request.Create().WithPath("/buckets/testuser/my-bucket/resolve/f.bin").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("0123456789abcdefghij"));

        await using (var middle = await _client.OpenReadAsync(new BucketUri(Bucket, "f.bin"), offset: 10, length: 5))
        {
            Assert.That(await new StreamReader(middle).ReadToEndAsync(), Is.EqualTo("abcde"));
        }

        await using (var tail = await _client.OpenReadAsync(new BucketUri(Bucket, "f.bin"), offset: 15))
        {
            Assert.That(await new StreamReader(tail).ReadToEndAsync(), Is.EqualTo("fghij"));
        }

        Assert.That(Requests[1].Headers!["Range"].Single(), Is.EqualTo("bytes=15-"));
    }

    [Test]
    public void OpenRead_of_a_missing_file_is_not_found()
    {
        _server.Given(Request.Create().WithPath("/buckets/testuser/my-bucket/resolve/nope").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Error-Code", "EntryNotFound").WithBody("Entry not found"));
        Assert.ThrowsAsync<HfNotFoundException>(() => _client.OpenReadAsync(new BucketUri(Bucket, "nope")));
        Assert.That(() => _client.OpenReadAsync(new BucketUri(Bucket)), Throws.ArgumentException.With.Message.Contains("bucket root"));
    }

    [Test]
    public async Task DeleteFiles_posts_ndjson_delete_lines()
    {
        Answer("/api/buckets/testuser/my-bucket/batch", "POST", """{"success":false,"processed":2,"succeeded":1,"failed":[{"path":"b.txt","error":"not found"}]}""");

        var result = await _client.DeleteFilesAsync(Bucket, ["old.txt", "dir/ü b.txt"]);

        var request = Requests.Single();
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.Headers!["Content-Type"].Single(), Is.EqualTo("application/x-ndjson"));
        Assert.That(Encoding.UTF8.GetString(request.BodyAsBytes!), Is.EqualTo(
            "{\"type\":\"deleteFile\",\"path\":\"old.txt\"}\n{\"type\":\"deleteFile\",\"path\":\"dir/\\u00FC b.txt\"}\n"));
        AssertAuthorized(request);
        Assert.That(result.Processed, Is.EqualTo(2));
        Assert.That(result.Succeeded, Is.EqualTo(1));
        Assert.That(result.Failed.Single(), Is.EqualTo(new BucketBatchFailure { Path = "b.txt", Error = "not found" }));
    }

    [Test]
    public void DeleteFiles_reports_a_rejected_batch()
    {
        _server.Given(Request.Create().WithPath("/api/buckets/testuser/my-bucket/batch").UsingPost())
            .RespondWith(Response.Create().WithStatusCode((int)HttpStatusCode.UnprocessableEntity).WithBody("""{"error":"Some operations failed"}"""));
        var error = Assert.ThrowsAsync<HfApiException>(() => _client.DeleteFilesAsync(Bucket, ["x"]));
        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(() => _client.DeleteFilesAsync(Bucket, ["../etc"]), Throws.ArgumentException.With.Message.Contains("'..' segment"));
    }

    [Test]
    public async Task ListFiles_escapes_the_whole_folder_as_one_segment_on_the_wire()
    {
        var handler = new ScriptedHandler().On("/api/buckets/testuser/my-bucket/tree/runs%2F42%20a", ScriptedHandler.Json("[]"));
        var client = TestClients.Buckets(handler, new TestClock());

        await foreach (var _ in client.ListFilesAsync(new BucketUri(Bucket, "runs/42 a"), recursive: false))
        {
        }

        Assert.That(handler.Requests.Single(), Is.EqualTo("GET /api/buckets/testuser/my-bucket/tree/runs%2F42%20a?recursive=false"));
    }
}
