using System.Net;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>tree, paths-info, commits, validate-yaml, duplicate and the repo listings, as huggingface_hub and huggingface.js call them.</summary>
[TestFixture]
public sealed class RepoTreeTests
{
    private HfSandbox _sandbox = null!;
    private SandboxTestClient _client = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero, CompileCheck = false, PageSize = 3 });
        _client = new SandboxTestClient(_sandbox, _sandbox.DefaultToken);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    private async Task<string> ModelWithFilesAsync(string name = "tree-model")
    {
        await _client.CreateRepoAsync(name, type: "model", visibility: "public", sdk: null);
        var commit = await _client.CommitAsync("sandbox-user/" + name, new Dictionary<string, string> { ["a.txt"] = "a", ["src/b.py"] = "b", ["src/deep/c.py"] = "c", ["z.txt"] = "z" }, type: "models");
        return (await SandboxTestClient.ReadJsonAsync(commit))["commitOid"]!.GetValue<string>();
    }

    [Test]
    public async Task Tree_lists_one_level_with_folders_and_pages_with_Link()
    {
        await ModelWithFilesAsync();

        var first = await _client.Http.GetAsync("/api/models/sandbox-user/tree-model/tree/main?recursive=false&expand=false");
        var firstPage = (await SandboxTestClient.ReadJsonAsync(first)).AsArray();
        var next = first.Headers.GetValues("Link").Single();
        var nextUrl = next[1..next.IndexOf('>', StringComparison.Ordinal)];
        var secondPage = (await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync(nextUrl))).AsArray();
        var all = firstPage.Concat(secondPage).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(firstPage, Has.Count.EqualTo(3));
            Assert.That(all.Select(e => e!["path"]!.GetValue<string>()), Is.EqualTo(new[] { ".gitattributes", "a.txt", "src", "z.txt" }));
            var folder = all.Single(e => e!["path"]!.GetValue<string>() == "src")!;
            Assert.That(folder["type"]!.GetValue<string>(), Is.EqualTo("directory"));
            Assert.That(folder["oid"]!.GetValue<string>(), Has.Length.EqualTo(40));
            Assert.That(folder["size"]!.GetValue<long>(), Is.Zero);
            var file = all.Single(e => e!["path"]!.GetValue<string>() == "a.txt")!;
            Assert.That(file["type"]!.GetValue<string>(), Is.EqualTo("file"));
            Assert.That(file["size"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(file["oid"]!.GetValue<string>(), Is.EqualTo("2e65efe2a145dda7ee51d1741299f848e5bf752e"), "git hash-object of 'a'");
            Assert.That(file.AsObject().ContainsKey("lastCommit"), Is.False);
        });
    }

    [Test]
    public async Task Tree_of_a_quoted_subfolder_recursive_with_expand_carries_the_last_commit()
    {
        var oid = await ModelWithFilesAsync();
        await _client.CommitAsync("sandbox-user/tree-model", new Dictionary<string, string> { ["a.txt"] = "changed" }, type: "models");

        var body = (await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/models/sandbox-user/tree-model/tree/main/src?recursive=true&expand=true"))).AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(body.Select(e => e!["path"]!.GetValue<string>()), Is.EqualTo(new[] { "src/b.py", "src/deep", "src/deep/c.py" }));
            Assert.That(body.Select(e => e!["lastCommit"]!["id"]!.GetValue<string>()), Is.All.EqualTo(oid), "the later commit changed only a.txt");
            Assert.That(body[0]!["lastCommit"]!["title"]!.GetValue<string>(), Is.EqualTo("upload files"));
            Assert.That(body[0]!["securityFileStatus"]!["status"]!.GetValue<string>(), Is.EqualTo("safe"));
            Assert.That(body[0]!["securityFileStatus"]!["avScan"], Is.Not.Null);
        });
    }

    [Test]
    public async Task Tree_errors_are_EntryNotFound_RevisionNotFound_and_RepoNotFound()
    {
        await ModelWithFilesAsync();

        var missingPath = await _client.Http.GetAsync("/api/models/sandbox-user/tree-model/tree/main/nope");
        var missingRevision = await _client.Http.GetAsync("/api/models/sandbox-user/tree-model/tree/v9");
        var missingRepo = await _client.Http.GetAsync("/api/models/sandbox-user/none/tree/main");

        Assert.Multiple(async () =>
        {
            Assert.That(missingPath.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(missingPath.Headers.GetValues("X-Error-Code").Single(), Is.EqualTo("EntryNotFound"));
            Assert.That((await SandboxTestClient.ReadJsonAsync(missingPath))["error"]!.GetValue<string>(), Does.Contain("nope"));
            Assert.That(missingRevision.Headers.GetValues("X-Error-Code").Single(), Is.EqualTo("RevisionNotFound"));
            Assert.That(missingRepo.Headers.GetValues("X-Error-Code").Single(), Is.EqualTo("RepoNotFound"));
        });
    }

    [Test]
    public async Task Paths_info_accepts_the_python_form_and_the_js_json_and_omits_absent_paths()
    {
        await ModelWithFilesAsync();

        var form = new FormUrlEncodedContent([new("paths", "a.txt"), new("paths", "src"), new("paths", "missing"), new("expand", "true")]);
        var fromPython = (await SandboxTestClient.ReadJsonAsync(await _client.Http.PostAsync("/api/models/sandbox-user/tree-model/paths-info/main", form))).AsArray();
        var fromJs = (await SandboxTestClient.ReadJsonAsync(await _client.Http.PostAsync("/api/models/sandbox-user/tree-model/paths-info/main", SandboxTestClient.Json("{\"paths\":[\"src/b.py\"]}")))).AsArray();
        var noPaths = await _client.Http.PostAsync("/api/models/sandbox-user/tree-model/paths-info/main", SandboxTestClient.Json("{}"));

        Assert.Multiple(() =>
        {
            Assert.That(fromPython.Select(e => e!["path"]!.GetValue<string>() + ":" + e["type"]!.GetValue<string>()), Is.EqualTo(new[] { "a.txt:file", "src:directory" }));
            Assert.That(fromPython[0]!["lastCommit"], Is.Not.Null);
            Assert.That(fromJs.Single()!["oid"]!.GetValue<string>(), Has.Length.EqualTo(40));
            Assert.That(fromJs.Single()!.AsObject().ContainsKey("lastCommit"), Is.False);
            Assert.That(noPaths.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Commits_are_newest_first_with_author_and_paged_by_limit()
    {
        var oid = await ModelWithFilesAsync();

        var response = await _client.Http.GetAsync("/api/models/sandbox-user/tree-model/commits/main?limit=1");
        var page = (await SandboxTestClient.ReadJsonAsync(response)).AsArray();
        var link = response.Headers.GetValues("Link").Single();
        var all = (await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/models/sandbox-user/tree-model/commits/main"))).AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(page.Single()!["id"]!.GetValue<string>(), Is.EqualTo(oid));
            Assert.That(page.Single()!["title"]!.GetValue<string>(), Is.EqualTo("upload files"));
            Assert.That(page.Single()!["message"]!.GetValue<string>(), Is.Empty);
            Assert.That(page.Single()!["authors"]![0]!["user"]!.GetValue<string>(), Is.EqualTo("sandbox-user"));
            Assert.That(DateTimeOffset.Parse(page.Single()!["date"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.Not.EqualTo(default(DateTimeOffset)));
            Assert.That(link, Does.Contain("page=1").And.Contain("rel=\"next\""));
            Assert.That(all.Select(c => c!["title"]!.GetValue<string>()), Is.EqualTo(new[] { "upload files", "initial commit" }));
        });
    }

    [Test]
    public async Task Validate_yaml_answers_errors_and_warnings_and_400_for_a_space_card_without_sdk()
    {
        var good = await _client.Http.PostAsync("/api/validate-yaml", SandboxTestClient.Json("{\"content\":\"---\\ntitle: x\\nsdk: gradio\\n---\\nhi\",\"repoType\":\"space\"}"));
        var empty = await _client.Http.PostAsync("/api/validate-yaml", SandboxTestClient.Json("{\"content\":\"no metadata\",\"repoType\":\"model\"}"));
        var noSdk = await _client.Http.PostAsync("/api/validate-yaml", SandboxTestClient.Json("{\"content\":\"---\\ntitle: x\\n---\\n\",\"repoType\":\"space\"}"));
        var unclosed = await _client.Http.PostAsync("/api/validate-yaml", SandboxTestClient.Json("{\"content\":\"---\\ntitle: x\\n\"}"));

        Assert.Multiple(async () =>
        {
            var goodBody = await SandboxTestClient.ReadJsonAsync(good);
            Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(goodBody["errors"]!.AsArray(), Is.Empty);
            Assert.That(goodBody["warnings"]!.AsArray(), Is.Empty);
            Assert.That((await SandboxTestClient.ReadJsonAsync(empty))["warnings"]![0]!["message"]!.GetValue<string>(), Does.Contain("metadata"));
            Assert.That(noSdk.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await SandboxTestClient.ReadJsonAsync(noSdk))["errors"]![0]!["message"]!.GetValue<string>(), Does.Contain("sdk"));
            Assert.That(unclosed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task Duplicate_copies_the_files_keeps_the_source_visibility_when_not_told_and_is_409_when_the_target_exists()
    {
        // The Hub's rule (huggingface_hub sends "private" only when given): left out, the copy has the source's visibility.
        await _client.CreateRepoAsync("source-space", visibility: "private");
        await _client.CreateRepoAsync("public-source", visibility: "public");
        var fromPublic = await _client.Http.PostAsync("/api/spaces/sandbox-user/public-source/duplicate", SandboxTestClient.Json("{\"repository\":\"sandbox-user/from-public\"}"));
        var privateFromPublic = await _client.Http.PostAsync("/api/spaces/sandbox-user/public-source/duplicate", SandboxTestClient.Json("{\"repository\":\"sandbox-user/private-from-public\",\"private\":true}"));
        await _client.CommitAsync("sandbox-user/source-space", new Dictionary<string, string> { ["app.py"] = "print(1)" });

        var duplicated = await _client.Http.PostAsync("/api/spaces/sandbox-user/source-space/duplicate", SandboxTestClient.Json("{\"repository\":\"sandbox-user/copy\",\"variables\":[{\"key\":\"MODE\",\"value\":\"x\"}]}"));
        var again = await _client.Http.PostAsync("/api/spaces/sandbox-user/source-space/duplicate", SandboxTestClient.Json("{\"repository\":\"sandbox-user/copy\"}"));
        var publicCopy = await _client.Http.PostAsync("/api/spaces/sandbox-user/source-space/duplicate", SandboxTestClient.Json("{\"repository\":\"sandbox-user/public-copy\",\"visibility\":\"public\"}"));
        var elsewhere = await _client.Http.PostAsync("/api/spaces/sandbox-user/source-space/duplicate", SandboxTestClient.Json("{\"repository\":\"someone-else/copy\"}"));
        var info = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces/sandbox-user/copy"));
        var app = await _client.Http.GetStringAsync("/spaces/sandbox-user/copy/resolve/main/app.py");
        var variables = await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces/sandbox-user/copy/variables"));

        Assert.Multiple(async () =>
        {
            Assert.That(duplicated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await SandboxTestClient.ReadJsonAsync(duplicated))["url"]!.GetValue<string>(), Is.EqualTo(_sandbox.Endpoint.ToString().TrimEnd('/') + "/spaces/sandbox-user/copy"));
            Assert.That(info["private"]!.GetValue<bool>(), Is.True);
            Assert.That(app, Is.EqualTo("print(1)"));
            Assert.That(variables["MODE"]!["value"]!.GetValue<string>(), Is.EqualTo("x"));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((await SandboxTestClient.ReadJsonAsync(again))["url"], Is.Not.Null);
            Assert.That((await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces/sandbox-user/public-copy")))["private"]!.GetValue<bool>(), Is.False);
            Assert.That(publicCopy.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(fromPublic.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(privateFromPublic.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces/sandbox-user/from-public")))["private"]!.GetValue<bool>(), Is.False);
            Assert.That((await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces/sandbox-user/private-from-public")))["private"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task Listings_filter_by_author_search_and_tag_sort_page_and_hide_private_repos_from_others()
    {
        foreach (var name in new[] { "list-b", "list-a", "list-c" })
        {
            await _client.CreateRepoAsync(name, visibility: name == "list-c" ? "private" : "public");
        }

        using var anonymous = new SandboxTestClient(_sandbox, null);
        var mine = (await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces?author=sandbox-user&search=list-&limit=10"))).AsArray();
        var theirs = (await SandboxTestClient.ReadJsonAsync(await anonymous.Http.GetAsync("/api/spaces?author=sandbox-user&search=list-"))).AsArray();
        var paged = await _client.Http.GetAsync("/api/spaces?author=sandbox-user&search=list-&limit=2&sort=id");
        var tagged = (await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces?author=sandbox-user&filter=docker"))).AsArray();
        var expanded = (await SandboxTestClient.ReadJsonAsync(await _client.Http.GetAsync("/api/spaces?author=sandbox-user&search=list-a&expand=sdk&expand=lastModified"))).AsArray();
        var models = (await SandboxTestClient.ReadJsonAsync(await anonymous.Http.GetAsync("/api/models?search=tiny-gpt2&full=true"))).AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(mine.Select(s => s!["id"]!.GetValue<string>()), Is.EqualTo(new[] { "sandbox-user/list-a", "sandbox-user/list-b", "sandbox-user/list-c" }));
            Assert.That(mine[0]!.AsObject().Select(p => p.Key), Is.SupersetOf(new[] { "_id", "id", "likes", "private", "sdk", "tags", "createdAt" }));
            Assert.That(mine[0]!.AsObject().ContainsKey("siblings"), Is.False);
            Assert.That(theirs.Select(s => s!["id"]!.GetValue<string>()), Is.EqualTo(new[] { "sandbox-user/list-a", "sandbox-user/list-b" }));
            Assert.That(paged.Headers.GetValues("Link").Single(), Does.Contain("limit=2"));
            Assert.That(tagged, Is.Empty);
            Assert.That(expanded.Single()!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "_id", "id", "sdk", "lastModified" }));
            Assert.That(models.Single()!["siblings"]!.AsArray(), Is.Not.Empty);
        });
    }
}
