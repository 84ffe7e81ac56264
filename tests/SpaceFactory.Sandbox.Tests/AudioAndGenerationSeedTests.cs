using System.Net;
using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Gradio;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>
/// The seeded models of the audio-classification, text-to-speech, text-to-audio, image-to-image and GGUF chat templates,
/// and the simulated image-to-image call (an uploaded image and a prompt in, a real PNG out).
/// </summary>
[TestFixture]
public sealed class AudioAndGenerationSeedTests
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

    [TestCase("superb/wav2vec2-base-superb-ks", "audio-classification", "transformers", "config.json", "pytorch_model.bin", 378302461L)]
    [TestCase("facebook/mms-tts-eng", "text-to-speech", "transformers", "config.json", "model.safetensors", 145223240L)]
    [TestCase("facebook/musicgen-small", "text-to-audio", "transformers", "config.json", "model.safetensors", 2364427288L)]
    [TestCase("timbrooks/instruct-pix2pix", "image-to-image", "diffusers", "model_index.json", "unet/diffusion_pytorch_model.safetensors", 3438167536L)]
    [TestCase("TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF", "text-generation", "gguf", "README.md", "tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf", 668788096L)]
    public async Task Each_seeded_model_has_its_task_library_loader_file_and_weights_of_their_real_size(string id, string task, string library, string loaderFile, string weights, long size)
    {
        var info = await SandboxTestClient.ReadJsonAsync(await _anonymous.Http.GetAsync($"/api/models/{id}?blobs=true"));
        var loader = await _anonymous.Http.GetAsync($"/{id}/resolve/main/{loaderFile}");
        var sibling = info["siblings"]!.AsArray().SingleOrDefault(s => s!["rfilename"]!.GetValue<string>() == weights);

        Assert.Multiple(() =>
        {
            Assert.That(info["pipeline_tag"]!.GetValue<string>(), Is.EqualTo(task));
            Assert.That(info["library_name"]!.GetValue<string>(), Is.EqualTo(library));
            Assert.That(loader.StatusCode, Is.EqualTo(HttpStatusCode.OK), loaderFile);
            Assert.That(sibling, Is.Not.Null, weights);
            Assert.That(sibling?["size"]!.GetValue<long>(), Is.EqualTo(size));
        });
    }

    [Test]
    public async Task The_instruct_pix2pix_seed_names_its_pipeline_class()
    {
        var index = await SandboxTestClient.ReadJsonAsync(await _anonymous.Http.GetAsync("/timbrooks/instruct-pix2pix/resolve/main/model_index.json"));
        Assert.That(index["_class_name"]!.GetValue<string>(), Is.EqualTo("StableDiffusionInstructPix2PixPipeline"));
    }

    [Test]
    public void An_image_to_image_call_needs_the_uploaded_image_and_answers_a_real_png()
    {
        var uploads = Path.Combine(Path.GetTempPath(), "sf-img2img-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = new SimulatedFiles(uploads, () => "http://127.0.0.1:1/gradio_api");
            var simulation = new JsonObject { ["mode"] = "image", ["requires_upload"] = true, ["width"] = 64, ["height"] = 64 };
            var parameters = new JsonArray(
                new JsonObject { ["label"] = "image", ["component"] = "Image" },
                new JsonObject { ["label"] = "prompt", ["component"] = "Textbox" },
                new JsonObject { ["label"] = "steps", ["component"] = "Slider" },
                new JsonObject { ["label"] = "seed", ["component"] = "Number" });
            var endpoint = new GradioEndpoint("/edit", 0, parameters, new JsonArray(new JsonObject { ["label"] = "result", ["component"] = "Image" }), "image", simulation);
            var uploaded = files.Store(TinyMedia.Png(64, 64), "input0_probe.png", "image/png");

            var missing = GradioSimulator.Run(endpoint, new JsonArray(null, "Make it snowy", 2, 0), files);
            var edited = GradioSimulator.Run(endpoint, new JsonArray(uploaded, "Make it snowy", 2, 0), files);

            Assert.That(missing.Success, Is.False);
            Assert.That(missing.ErrorMessage, Does.Contain("was not uploaded"));
            var png = File.ReadAllBytes(edited.Outputs!.Single()!["path"]!.GetValue<string>());
            Assert.That(png[..4], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
            Assert.That(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), Is.EqualTo(64));
        }
        finally
        {
            if (Directory.Exists(uploads))
            {
                Directory.Delete(uploads, recursive: true);
            }
        }
    }
}
