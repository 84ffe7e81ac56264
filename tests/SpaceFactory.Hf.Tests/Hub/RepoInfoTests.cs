using SpaceFactory.Hf.Hub;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Hub;

[TestFixture]
public class RepoInfoTests
{
    /// <summary>Fields of GET /api/spaces/{id} (protocols/hf-hub-api.md §3.2) with the recorded runtime.</summary>
    private const string SpaceInfoBody = $$"""
        {"_id":"67cae56f9b4f4ee4713c83e7","id":"user/tmp_test_space","author":"user","sha":"855efb9561990d02233a49204227f93ba5cfaa81",
         "createdAt":"2025-03-07T12:24:15.000Z","lastModified":"2025-03-07T12:24:16.000Z","private":true,"gated":false,"disabled":false,
         "host":"https://user-tmp-test-space.hf.space","subdomain":"user-tmp-test-space","likes":0,"sdk":"gradio","tags":["gradio","region:us"],
         "cardData":{"title":"Tmp","sdk":"gradio","app_file":"app.py"},
         "siblings":[{"rfilename":".gitattributes"},{"rfilename":"README.md"},{"rfilename":"app.py"}],
         "runtime":{{HubRecordings.RuntimeBuilding}},"models":[],"datasets":[],"trendingScore":0,"unknownFieldAddedLater":{"x":1} }
        """;

    /// <summary>Fields of GET /api/models/{id} (protocols/hf-hub-api.md §5.1): mixed camelCase, snake_case and kebab-case.</summary>
    private const string ModelInfoBody = """
        {"_id":"621ffdc036468d709f174338","id":"openai-community/gpt2","author":"openai-community","sha":"607a30d783dfa663caf39e06633721c8d4cfcd7e",
         "lastModified":"2024-02-19T10:57:45.000Z","createdAt":"2022-03-02T23:29:04.000Z","private":false,"gated":"manual","disabled":false,
         "downloads":12345,"likes":2500,"library_name":"transformers","pipeline_tag":"text-generation","mask_token":null,
         "tags":["transformers","safetensors","gpt2","text-generation","en"],
         "cardData":{"language":"en","license":"mit"},"widgetData":[{"text":"My name is Julien and I like to"}],
         "model-index":[{"name":"gpt2","results":[]}],
         "config":{"architectures":["GPT2LMHeadModel"],"model_type":"gpt2","tokenizer_config":{"eos_token":"<|endoftext|>"}},
         "transformersInfo":{"auto_model":"AutoModelForCausalLM","pipeline_tag":"text-generation","processor":"AutoTokenizer"},
         "siblings":[{"rfilename":".gitattributes","size":445},{"rfilename":"model.safetensors","size":548105171,"blobId":"b5e5",
                     "lfs":{"size":548105171,"sha256":"248dfc3911869ec493c76e65bf2fcf7f615828b0254c12b473182f0f81d3a707","pointerSize":135}}],
         "spaces":["user/demo"],"safetensors":{"parameters":{"F32":137022720},"total":137022720},"inference":"warm","usedStorage":11975198690}
        """;

    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", HubRecordings.JsonType).WithBody(body);

    [Test]
    public async Task GetSpaceInfo_reads_host_subdomain_runtime_and_tolerates_unknown_fields()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/spaces/user/tmp_test_space").UsingGet()).RespondWith(Json(SpaceInfoBody));

        var info = await host.Client.GetSpaceInfoAsync(RepoId.Parse("user/tmp_test_space"));

        RequestAssert.IsHubCall(host.SingleRequest(), "GET", "/api/spaces/user/tmp_test_space");
        Assert.Multiple(() =>
        {
            Assert.That(info.Id, Is.EqualTo("user/tmp_test_space"));
            Assert.That(info.Author, Is.EqualTo("user"));
            Assert.That(info.Private, Is.True);
            Assert.That(info.Gated!.Value.IsGated, Is.False);
            Assert.That(info.Host, Is.EqualTo(new Uri("https://user-tmp-test-space.hf.space")));
            Assert.That(info.Subdomain, Is.EqualTo("user-tmp-test-space"));
            Assert.That(info.Sdk, Is.EqualTo("gradio"));
            Assert.That(info.Runtime!.Stage, Is.EqualTo(SpaceStage.Building));
            Assert.That(info.Runtime.Domains![0].Domain, Is.EqualTo("user-tmp-test-space.hf.space"));
            Assert.That(info.Siblings!.Select(s => s.Path), Is.EqualTo(new[] { ".gitattributes", "README.md", "app.py" }));
            Assert.That(info.CardData!.Value.GetProperty("app_file").GetString(), Is.EqualTo("app.py"));
            Assert.That(info.LastModified, Is.EqualTo(new DateTimeOffset(2025, 3, 7, 12, 24, 16, TimeSpan.Zero)));
        });
    }

    [Test]
    public async Task GetSpaceInfo_at_a_revision_escapes_it_as_one_segment()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().UsingGet()).RespondWith(Json(SpaceInfoBody));

        await host.Client.GetSpaceInfoAsync(RepoId.Parse("user/tmp_test_space"), "refs/pr/1");

        Assert.That(host.SingleRequest().AbsoluteUrl, Does.EndWith("/api/spaces/user/tmp_test_space/revision/refs%2Fpr%2F1"));
    }

    [Test]
    public async Task GetModelInfo_maps_mixed_case_fields_gating_config_and_safetensors()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().WithPath("/api/models/openai-community/gpt2").UsingGet()).RespondWith(Json(ModelInfoBody));

        var info = await host.Client.GetModelInfoAsync(RepoId.Parse("openai-community/gpt2"));

        RequestAssert.IsHubCall(host.SingleRequest(), "GET", "/api/models/openai-community/gpt2");
        Assert.Multiple(() =>
        {
            Assert.That(info.PipelineTag, Is.EqualTo("text-generation"));
            Assert.That(info.LibraryName, Is.EqualTo("transformers"));
            Assert.That(info.Tags, Does.Contain("gpt2"));
            Assert.That(info.Gated, Is.EqualTo(GatedStatus.Manual));
            Assert.That(info.Gated!.Value.IsGated, Is.True);
            Assert.That(info.Private, Is.False);
            Assert.That(info.Downloads, Is.EqualTo(12345));
            Assert.That(info.Likes, Is.EqualTo(2500));
            Assert.That(info.Config!.Architectures, Is.EqualTo(new[] { "GPT2LMHeadModel" }));
            Assert.That(info.Config.ModelType, Is.EqualTo("gpt2"));
            Assert.That(info.Config.AdditionalProperties!["tokenizer_config"].GetProperty("eos_token").GetString(), Is.EqualTo("<|endoftext|>"));
            Assert.That(info.TransformersInfo!.AutoModel, Is.EqualTo("AutoModelForCausalLM"));
            Assert.That(info.Safetensors!.Total, Is.EqualTo(137022720));
            Assert.That(info.Safetensors.Parameters!["F32"], Is.EqualTo(137022720));
            Assert.That(info.Siblings![1].Size, Is.EqualTo(548105171));
            Assert.That(info.Siblings[1].Lfs!.Sha256, Does.StartWith("248dfc"));
            Assert.That(info.Siblings[1].Lfs!.PointerSize, Is.EqualTo(135));
            Assert.That(info.CardData!.Value.GetProperty("license").GetString(), Is.EqualTo("mit"));
            Assert.That(info.WidgetData!.Value[0].GetProperty("text").GetString(), Does.StartWith("My name"));
            Assert.That(info.ModelIndex!.Value[0].GetProperty("name").GetString(), Is.EqualTo("gpt2"));
            Assert.That(info.Inference, Is.EqualTo("warm"));
            Assert.That(info.MaskToken, Is.Null);
        });
    }

    [TestCase("false", false, null)]
    [TestCase("\"auto\"", true, "auto")]
    [TestCase("\"manual\"", true, "manual")]
    [TestCase("\"some-future-mode\"", true, "some-future-mode")]
    public void Gated_accepts_false_or_any_mode_string(string json, bool gated, string? mode)
    {
        var info = System.Text.Json.JsonSerializer.Deserialize($$"""{"id":"a/b","gated":{{json}}}""", HubJsonContext.Default.ModelInfo)!;
        Assert.That(info.Gated!.Value.IsGated, Is.EqualTo(gated));
        Assert.That(info.Gated.Value.Mode, Is.EqualTo(mode));
    }

    [Test]
    public async Task GetModelInfo_with_expand_sends_repeated_expand_parameters()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().UsingGet()).RespondWith(Json("""{"id":"testuser/my-model","safetensors":{"parameters":{"BF16":10},"total":10}}"""));

        var info = await host.Client.GetModelInfoAsync(RepoId.Parse("testuser/my-model"), expand: ["safetensors", "config", "pipeline_tag"]);

        RequestAssert.IsHubCall(host.SingleRequest(), "GET", "/api/models/testuser/my-model", query: "expand=safetensors&expand=config&expand=pipeline_tag");
        Assert.That(info.Safetensors!.Parameters!["BF16"], Is.EqualTo(10));
        Assert.That(info.PipelineTag, Is.Null, "fields not expanded are absent");
    }

    [Test]
    public void GetModelInfo_for_a_gated_model_throws_HfGatedRepoException()
    {
        using var host = new HubTestHost();
        host.Server.Given(Request.Create().UsingGet()).RespondWith(Json("""{"error":"Access to model testuser/gated is restricted."}""", 403)
            .WithHeader("X-Error-Code", "GatedRepo"));

        var ex = Assert.ThrowsAsync<HfGatedRepoException>(() => host.Client.GetModelInfoAsync(RepoId.Parse("testuser/gated")));
        Assert.That(ex!.ErrorCode, Is.EqualTo("GatedRepo"));
    }
}
