namespace SpaceFactory.Sandbox.Tests;

/// <summary>The vision models seeded for the templates: real ids, their task, architecture, size and a config.json that downloads.</summary>
[TestFixture]
public sealed class SeededVisionModelTests
{
    private HfSandbox _sandbox = null!;
    private SandboxTestClient _anonymous = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        _sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { CompileCheck = false });
        _anonymous = new SandboxTestClient(_sandbox, null);
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        _anonymous.Dispose();
        await _sandbox.DisposeAsync();
    }

    [TestCase("Salesforce/blip-image-captioning-base", "image-to-text", "BlipForConditionalGeneration", "float32")]
    [TestCase("hustvl/yolos-tiny", "object-detection", "YolosForObjectDetection", "float32")]
    [TestCase("openai/clip-vit-base-patch32", "zero-shot-image-classification", "CLIPModel", "float32")]
    [TestCase("depth-anything/Depth-Anything-V2-Small-hf", "depth-estimation", "DepthAnythingForDepthEstimation", "float32")]
    [TestCase("nvidia/segformer-b0-finetuned-ade-512-512", "image-segmentation", "SegformerForSemanticSegmentation", "float32")]
    [TestCase("HuggingFaceTB/SmolVLM-256M-Instruct", "image-text-to-text", "Idefics3ForConditionalGeneration", "bfloat16")]
    public async Task A_seeded_vision_model_has_its_task_architecture_size_and_config(string id, string task, string architecture, string dtype)
    {
        var info = await SandboxTestClient.ReadJsonAsync(await _anonymous.Http.GetAsync("/api/models/" + id));
        var config = await _anonymous.Http.GetStringAsync($"/{id}/resolve/main/config.json");
        var readme = await _anonymous.Http.GetStringAsync($"/{id}/resolve/main/README.md");
        var siblings = info["siblings"]!.AsArray().Select(s => s!["rfilename"]!.GetValue<string>()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(info["id"]!.GetValue<string>(), Is.EqualTo(id));
            Assert.That(info["pipeline_tag"]!.GetValue<string>(), Is.EqualTo(task));
            Assert.That(info["library_name"]!.GetValue<string>(), Is.EqualTo("transformers"));
            Assert.That(info["config"]!["architectures"]![0]!.GetValue<string>(), Is.EqualTo(architecture));
            Assert.That(info["safetensors"]!["total"]!.GetValue<long>(), Is.InRange(1_000_000L, 300_000_000L), "a small model");
            Assert.That(siblings, Does.Contain("model.safetensors").And.Contain("preprocessor_config.json"));
            Assert.That(config, Does.Contain($"\"torch_dtype\": \"{dtype}\""));
            Assert.That(readme, Does.StartWith("---\n"));
        });
    }
}
