using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>
/// The typed repo info answer: a seeded model's fields (typed and passed-through), <c>expand[]</c> answering exactly the
/// asked fields, <c>blobs=true</c> siblings, and the short listing entry's fields.
/// </summary>
[TestFixture]
public sealed class RepoInfoAnswerTests
{
    private HfSandbox _sandbox = null!;
    private SandboxTestClient _anonymous = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        _sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero, CompileCheck = false });
        _anonymous = new SandboxTestClient(_sandbox, token: null);
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        _anonymous.Dispose();
        await _sandbox.DisposeAsync();
    }

    private async Task<JsonObject> GetAsync(string path) => (await SandboxTestClient.ReadJsonAsync(await _anonymous.Http.GetAsync(path))).AsObject();

    private static string Keys(JsonObject node) => string.Join(",", node.Select(p => p.Key));

    [Test]
    public async Task A_seeded_model_answers_its_seeded_counts_safetensors_and_other_seed_fields()
    {
        var tiny = await GetAsync("/api/models/sshleifer/tiny-gpt2");
        var gguf = await GetAsync("/api/models/TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF");

        Assert.Multiple(() =>
        {
            Assert.That(tiny["safetensors"]!.ToJsonString(), Is.EqualTo("""{"parameters":{"F32":102714},"total":102714}"""));
            Assert.That(tiny["modelId"]!.GetValue<string>(), Is.EqualTo("sshleifer/tiny-gpt2"));
            Assert.That(tiny.ContainsKey("sdk"), Is.False, "a model has no sdk");
            Assert.That(tiny.ContainsKey("runtime"), Is.False, "a model has no runtime");
            Assert.That(gguf["downloads"]!.GetValue<long>(), Is.EqualTo(65432));
            Assert.That(gguf["likes"]!.GetValue<long>(), Is.EqualTo(120));
            Assert.That(gguf["gguf"]!["architecture"]!.GetValue<string>(), Is.EqualTo("llama"), "a seed field without a typed property passes through");
            Assert.That(gguf["siblings"]!.AsArray().Select(s => Keys(s!.AsObject())), Is.All.EqualTo("rfilename"), "without blobs=true a sibling is its name");
        });
    }

    [Test]
    public async Task Expand_answers_exactly_id_and_the_asked_fields()
    {
        var expanded = await GetAsync("/api/models/sshleifer/tiny-gpt2?expand[]=downloads&expand[]=safetensors&expand[]=gated&expand[]=nosuchfield");
        var gguf = await GetAsync("/api/models/TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF?expand=gguf");

        Assert.That(Keys(expanded), Is.EqualTo("_id,id,gated,downloads,safetensors"));
        Assert.That(expanded["gated"]!.GetValue<bool>(), Is.False);
        Assert.That(Keys(gguf), Is.EqualTo("_id,id,gguf"));
    }

    [Test]
    public async Task Blobs_siblings_carry_blob_id_size_and_the_lfs_part_of_lfs_files()
    {
        var info = await GetAsync("/api/models/sshleifer/tiny-gpt2?blobs=true&expand=siblings");
        var siblings = info["siblings"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var config = siblings.Single(s => s["rfilename"]!.GetValue<string>() == "config.json");
        var lfs = siblings.Where(s => s.ContainsKey("lfs")).ToList();

        Assert.That(Keys(info), Is.EqualTo("_id,id,siblings"));
        Assert.That(Keys(config), Is.EqualTo("rfilename,blobId,size"));
        Assert.That(config["blobId"]!.GetValue<string>(), Does.Match("^[0-9a-f]{40}$"));
        Assert.That(lfs, Is.Not.Empty);
        Assert.That(lfs.Select(s => Keys(s["lfs"]!.AsObject())), Is.All.EqualTo("size,sha256,pointerSize").Or.All.EqualTo("size"));
    }

    [Test]
    public async Task A_short_model_listing_entry_has_the_hubs_short_fields_only()
    {
        var list = (await SandboxTestClient.ReadJsonAsync(await _anonymous.Http.GetAsync("/api/models?author=sshleifer"))).AsArray();
        var entry = list.Single()!.AsObject();

        Assert.That(entry.Select(p => p.Key).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "_id", "createdAt", "downloads", "id", "library_name", "likes", "modelId", "pipeline_tag", "private", "tags", "trendingScore" }));
        Assert.That(entry["trendingScore"]!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task Listings_sort_by_seeded_downloads_descending()
    {
        var list = (await SandboxTestClient.ReadJsonAsync(await _anonymous.Http.GetAsync("/api/models?sort=downloads&limit=1000"))).AsArray();
        var downloads = list.Select(e => e!["downloads"]!.GetValue<long>()).ToList();

        Assert.That(downloads, Is.Ordered.Descending);
        Assert.That(downloads.Distinct().Count(), Is.GreaterThan(1), "the seeds have different download counts");
    }
}
