using System.Text.Json;
using System.Text.RegularExpressions;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Tests.Generation;

/// <summary>Every template, on CPU and on ZeroGPU: compiled by python3, its structure read with <c>ast</c>, its files consistent.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class GeneratedAppStructureTests
{
    private static readonly GradioAppGenerator Generator = new();

    public static IEnumerable<TestCaseData> EveryTemplate()
    {
        foreach (var pipeline in Enum.GetValues<SupportedPipeline>())
        {
            foreach (var zeroGpu in pipeline == SupportedPipeline.GgufChat ? [false] : (bool[])[false, true])
            {
                yield return new TestCaseData(pipeline, "transformers", zeroGpu).SetArgDisplayNames(pipeline.ToTag(), zeroGpu ? "zerogpu" : "cpu");
            }
        }

        yield return new TestCaseData(SupportedPipeline.ImageClassification, "timm", false).SetArgDisplayNames("image-classification", "timm");
        yield return new TestCaseData(SupportedPipeline.ImageClassification, "timm", true).SetArgDisplayNames("image-classification", "timm-zerogpu");
    }

    internal static GradioAppRequest RequestFor(SupportedPipeline pipeline, string library = "transformers", bool zeroGpu = false) => new()
    {
        Model = RepoId.Parse(pipeline == SupportedPipeline.TextToImage ? "stabilityai/sd-turbo" : "org/some-model"),
        Pipeline = pipeline,
        Library = library,
        Example = pipeline == SupportedPipeline.FillMask ? new ProbeExample("Paris is the [MASK] of France.") : new ProbeExample("An \"example\" with caf\u00e9", "a context", ["a", "b"]),
        UseZeroGpu = zeroGpu,
        TorchDtype = "bfloat16",
        Examples = ["https://huggingface.co/datasets/mishig/sample_images/resolve/main/tiger.jpg"],
        Labels = pipeline == SupportedPipeline.ImageClassification ? ["tabby", "tiger cat"] : null,
        GgufFile = pipeline == SupportedPipeline.GgufChat ? "some-model.Q4_K_M.gguf" : null,
    };

    [TestCaseSource(nameof(EveryTemplate))]
    public void The_app_compiles_and_wires_every_endpoint_of_its_manifest_with_health_and_show_error(SupportedPipeline pipeline, string library, bool zeroGpu)
    {
        var app = Generator.Generate(RequestFor(pipeline, library, zeroGpu));
        var structure = PythonAppInspector.Inspect(app["app.py"]);
        if (structure is null)
        {
            Assert.Ignore("python3 is not installed; the structure check needs it.");
        }

        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        var endpoints = manifest.RootElement.GetProperty("info").GetProperty("named_endpoints").EnumerateObject().Select(p => p.Name.TrimStart('/')).ToList();
        Assert.That(endpoints, Does.Contain("health").And.Contain(app.Probe.ApiName.TrimStart('/')));
        Assert.That(structure!.ApiNames, Is.EquivalentTo(endpoints), "the app's api_names are exactly the manifest's endpoints");
        Assert.That(structure.ShowError, Is.True, "demo.launch(show_error=True)");
        Assert.That(structure.Problems, Is.Empty, "no environment, process, socket, HTTP or eval use");
        Assert.That(app["app.py"], Does.Not.Contain("{{"), "every placeholder is filled");
        Assert.That(app["app.py"], Does.Not.Contain("# sf:"), "hardware markers are removed");
        Assert.That(app["app.py"].Contains("import spaces", StringComparison.Ordinal), Is.EqualTo(zeroGpu));
        Assert.That(app["app.py"].Contains("cuda", StringComparison.Ordinal), Is.EqualTo(zeroGpu));
        Assert.That(app["app.py"], zeroGpu ? Does.Contain("@spaces.GPU(duration=") : Does.Not.Contain("@spaces.GPU("));
        Assert.That(app["app.py"], Does.Not.Contain("@spaces.GPU\n"), "every GPU budget is explicit");
        Assert.That(manifest.RootElement.GetProperty("show_error").GetBoolean(), Is.True);
    }

    [TestCaseSource(nameof(EveryTemplate))]
    public void Requirements_are_pinned_and_the_card_names_the_manifest_gradio_version(SupportedPipeline pipeline, string library, bool zeroGpu)
    {
        var app = Generator.Generate(RequestFor(pipeline, library, zeroGpu));
        var lines = app["requirements.txt"].Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();

        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines, Is.All.Match("^[a-z0-9-]+==[0-9]+(\\.[0-9]+)+$"));
        Assert.That(lines.Select(l => l.Split("==")[0]), Is.Unique);
        Assert.That(lines, Has.None.StartsWith("gradio"), "Gradio comes from sdk_version");
        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        var sdk = Regex.Match(app["README.md"], "^sdk_version: \"(?<v>[^\"]+)\"$", RegexOptions.Multiline, TimeSpan.FromSeconds(1)).Groups["v"].Value;
        Assert.That(sdk, Is.EqualTo(manifest.RootElement.GetProperty("gradio_version").GetString()));
    }

    [Test]
    public void Text_to_image_on_zerogpu_borrows_the_gpu_for_a_bounded_time_and_moves_the_model_only_inside_the_call()
    {
        var app = Generator.Generate(RequestFor(SupportedPipeline.TextToImage, "diffusers", zeroGpu: true))["app.py"];

        Assert.That(app, Does.Contain("@spaces.GPU(duration=60)\ndef generate("));
        var toCuda = app.IndexOf("pipe.to(\"cuda\")", StringComparison.Ordinal);
        Assert.That(toCuda, Is.GreaterThan(app.IndexOf("def generate(", StringComparison.Ordinal)), "the pipeline moves to the GPU inside the decorated call");
        Assert.That(app, Does.Contain("TORCH_DTYPE = \"bfloat16\"").And.Contain("STEPS = 1\n").And.Contain("GUIDANCE_SCALE = 0.0\n"), "sd-turbo: one step, no guidance");
        Assert.That(app, Does.Contain("AutoPipelineForText2Image.from_pretrained(MODEL_ID"));
        Assert.That(Generator.Generate(RequestFor(SupportedPipeline.TextToImage, "diffusers"))["app.py"], Does.Contain("TORCH_DTYPE = \"float32\""), "CPU runs in float32");
    }

    [Test]
    public void Text_generation_streams_the_continuation_and_its_simulation_streams_too()
    {
        var app = Generator.Generate(RequestFor(SupportedPipeline.TextGeneration));
        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        var simulation = manifest.RootElement.GetProperty("simulation").GetProperty("/generate");
        var structure = PythonAppInspector.Inspect(app["app.py"]);
        if (structure is null)
        {
            Assert.Ignore("python3 is not installed.");
        }

        Assert.That(structure!.Generators, Does.Contain("generate"), "generate yields the growing text");
        Assert.That(app["app.py"], Does.Contain("TextIteratorStreamer(pipe.tokenizer, skip_prompt=True"));
        Assert.That(simulation.GetProperty("mode").GetString(), Is.EqualTo("echo_prefix"));
        Assert.That(simulation.GetProperty("stream").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { " [simulated", " continuation]" }));
    }

    [Test]
    public void The_chat_simulation_streams_its_reply()
    {
        var app = Generator.Generate(RequestFor(SupportedPipeline.Chat));
        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        var simulation = manifest.RootElement.GetProperty("simulation").GetProperty("/chat");

        Assert.That(simulation.GetProperty("mode").GetString(), Is.EqualTo("chat"));
        Assert.That(simulation.GetProperty("stream").GetArrayLength(), Is.GreaterThan(1));
    }

    [Test]
    public void Chat_streams_the_conversation_from_a_named_endpoint_taking_messages()
    {
        var app = Generator.Generate(RequestFor(SupportedPipeline.Chat, zeroGpu: true));
        var structure = PythonAppInspector.Inspect(app["app.py"]);
        if (structure is null)
        {
            Assert.Ignore("python3 is not installed.");
        }

        Assert.That(structure!.Generators, Does.Contain("chat"), "chat yields the growing reply");
        Assert.That(app["app.py"], Does.Contain("apply_chat_template(").And.Contain("TextIteratorStreamer").And.Contain("gr.Chatbot(").And.Contain("@spaces.GPU(duration=120)"));
        Assert.That(app["app.py"], Does.Contain("TASK = \"text-generation\"").And.Contain("torch_dtype=TORCH_DTYPE"));
        Assert.That(app.Probe.Check, Is.InstanceOf<ChatMessagesCheck>());
        Assert.That(app.Probe.Inputs[0][0].GetProperty("role").GetString(), Is.EqualTo("user"));
        Assert.That(app["requirements.txt"], Does.Contain("accelerate=="));
    }

    [Test]
    public void A_timm_classifier_loads_from_the_hub_with_timm_and_its_own_preprocessing()
    {
        var app = Generator.Generate(RequestFor(SupportedPipeline.ImageClassification, "timm"));

        Assert.That(app["app.py"], Does.Contain("timm.create_model(\"hf-hub:\" + MODEL_ID, pretrained=True)").And.Contain("resolve_model_data_config"));
        Assert.That(app["app.py"], Does.Not.Contain("transformers"));
        Assert.That(app["requirements.txt"], Does.Contain("timm==1.0.19").And.Contain("torchvision==").And.Not.Contain("transformers"));
    }

    [TestCase(SupportedPipeline.ImageClassification, ProbeMedia.Png, typeof(LabelScoresCheck))]
    [TestCase(SupportedPipeline.AutomaticSpeechRecognition, ProbeMedia.Wav, typeof(NonEmptyTextCheck))]
    public void Media_probes_upload_an_input_the_factory_makes(SupportedPipeline pipeline, string media, Type check)
    {
        var app = Generator.Generate(RequestFor(pipeline));

        Assert.That(app.Probe.Uploads, Is.EqualTo(new[] { new ProbeUpload(0, media) }));
        Assert.That(app.Probe.Check, Is.InstanceOf(check));
        var restored = ProbeRecord.From(app.Probe).ToProbe();
        Assert.That(restored.Uploads, Is.EqualTo(app.Probe.Uploads), "the uploads survive the run record");
        Assert.That(app["app.py"], Does.Contain("EXAMPLES = [\"https://huggingface.co/datasets/mishig/sample_images/resolve/main/tiger.jpg\"]"));
        Assert.That(app["app.py"], Does.Contain("gr.Examples(EXAMPLES"));
    }

    /// <summary>Diffusers picks its dtype by hardware (its own test), llama.cpp reads a quantised file, timm weights load as saved.</summary>
    private static IEnumerable<SupportedPipeline> SavedDtypePipelines =>
        Enum.GetValues<SupportedPipeline>().Except([SupportedPipeline.GgufChat, SupportedPipeline.TextToImage, SupportedPipeline.ImageToImage]);

    /// <summary>Tasks whose one text or media input takes the card's widget examples (QA and zero-shot take two inputs).</summary>
    private static IEnumerable<SupportedPipeline> ExamplePipelines =>
        Enum.GetValues<SupportedPipeline>().Except([SupportedPipeline.QuestionAnswering, SupportedPipeline.ZeroShotClassification]);

    [TestCaseSource(nameof(ExamplePipelines))]
    public void The_app_offers_the_cards_examples_as_gr_examples(SupportedPipeline pipeline)
    {
        var app = Generator.Generate(RequestFor(pipeline) with { Examples = ["first card example", "second card example"] })["app.py"];

        Assert.That(app, Does.Contain("EXAMPLES = [\"first card example\", \"second card example\"]\n"));
        Assert.That(app, Does.Contain("    if EXAMPLES:\n        gr.Examples(EXAMPLES, inputs="));
    }

    [TestCaseSource(nameof(SavedDtypePipelines))]
    public void Every_transformers_model_loads_in_the_saved_dtype_or_the_configs(SupportedPipeline pipeline)
    {
        foreach (var zeroGpu in new[] { false, true })
        {
            var app = Generator.Generate(RequestFor(pipeline, zeroGpu: zeroGpu))["app.py"];
            Assert.That(app, Does.Contain("TORCH_DTYPE = \"bfloat16\"\n"));
            Assert.That(app, Does.Contain("torch_dtype=TORCH_DTYPE").Or.Contain("\"torch_dtype\": TORCH_DTYPE"), "the load call uses it");
            Assert.That(Generator.Generate(RequestFor(pipeline, zeroGpu: zeroGpu) with { TorchDtype = null })["app.py"], Does.Contain("TORCH_DTYPE = \"auto\"\n"));
        }
    }

    [Test]
    public void Models_load_in_the_dtype_their_weights_were_saved_in()
    {
        foreach (var pipeline in (SupportedPipeline[])[SupportedPipeline.ImageClassification, SupportedPipeline.AutomaticSpeechRecognition, SupportedPipeline.Chat])
        {
            Assert.That(Generator.Generate(RequestFor(pipeline))["app.py"], Does.Contain("TORCH_DTYPE = \"bfloat16\""), pipeline.ToTag());
            Assert.That(Generator.Generate(RequestFor(pipeline) with { TorchDtype = null })["app.py"], Does.Contain("TORCH_DTYPE = \"auto\""), pipeline.ToTag());
        }
    }

    [Test]
    public void Sentence_similarity_serves_embeddings_and_similarity_scores()
    {
        var app = Generator.Generate(RequestFor(SupportedPipeline.SentenceSimilarity) with { Example = new ProbeExample("A cat") { Sentences = ["A dog", "A kitten"] } });

        Assert.That(app.Probe.ApiName, Is.EqualTo("/embed"));
        Assert.That(app["app.py"], Does.Contain("SentenceTransformer(MODEL_ID, model_kwargs={\"torch_dtype\": TORCH_DTYPE})").And.Contain("EXAMPLE_SENTENCES = [\"A dog\", \"A kitten\"]"));
        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        var similarity = manifest.RootElement.GetProperty("simulation").GetProperty("/similarity");
        var verdict = new LabelScoresCheck(["A dog", "A kitten"]).Evaluate(GradioAppGeneratorTests.Simulate(similarity, []));
        Assert.That(verdict.Passed, Is.True, verdict.Reason);
    }
}
