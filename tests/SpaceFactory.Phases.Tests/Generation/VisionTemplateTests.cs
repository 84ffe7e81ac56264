using System.Text.Json;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Tests.Generation;

/// <summary>The vision templates: endpoints, probes (the uploaded PNG in the right slot, the check by output type) and the apps' pipeline calls.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class VisionTemplateTests
{
    private static readonly GradioAppGenerator Generator = new();

    public static IEnumerable<TestCaseData> VisionTemplates()
    {
        yield return new TestCaseData(SupportedPipeline.ImageToText, "/caption", 0, typeof(NonEmptyTextCheck), "fixed", "non_empty_text").SetArgDisplayNames("image-to-text");
        yield return new TestCaseData(SupportedPipeline.ObjectDetection, "/detect", 0, typeof(AnnotatedImageCheck), "annotated_image", "annotated_boxes").SetArgDisplayNames("object-detection");
        yield return new TestCaseData(SupportedPipeline.ZeroShotImageClassification, "/classify", 0, typeof(LabelScoresCheck), "fixed", "label_with_scores").SetArgDisplayNames("zero-shot-image-classification");
        yield return new TestCaseData(SupportedPipeline.DepthEstimation, "/estimate", 0, typeof(ImageFileCheck), "image", "image_file").SetArgDisplayNames("depth-estimation");
        yield return new TestCaseData(SupportedPipeline.ImageSegmentation, "/segment", 0, typeof(AnnotatedImageCheck), "annotated_image", "annotated_masks").SetArgDisplayNames("image-segmentation");
        yield return new TestCaseData(SupportedPipeline.ImageTextToText, "/chat", 1, typeof(ChatMessagesCheck), "chat", "chat_messages").SetArgDisplayNames("image-text-to-text");
    }

    private static GradioAppRequest RequestFor(SupportedPipeline pipeline, bool zeroGpu = false, ProbeExample? example = null) => new()
    {
        Model = RepoId.Parse("org/vision-model"),
        Pipeline = pipeline,
        Library = "transformers",
        Example = example ?? new ProbeExample("(a 64x64 PNG drawn by SpaceFactory)"),
        UseZeroGpu = zeroGpu,
        TorchDtype = "float32",
        Labels = ["N/A", "person", "bicycle"],
        Examples = ["https://huggingface.co/datasets/mishig/sample_images/resolve/main/savanna.jpg"],
    };

    [TestCaseSource(nameof(VisionTemplates))]
    public void The_probe_uploads_the_factorys_png_and_checks_the_output_by_type(SupportedPipeline pipeline, string endpoint, int imageInput, Type check, string mode, string kind)
    {
        var app = Generator.Generate(RequestFor(pipeline));

        Assert.That(app.Probe.ApiName, Is.EqualTo(endpoint));
        Assert.That(app.Probe.Uploads, Is.EqualTo(new[] { new ProbeUpload(imageInput, ProbeMedia.Png) }));
        Assert.That(app.Probe.Inputs[imageInput].ValueKind, Is.EqualTo(JsonValueKind.Null), "the slot is filled by the upload");
        Assert.That(app.Probe.Check, Is.InstanceOf(check));
        Assert.That(app.Probe.Check.Kind, Is.EqualTo(kind));
        var restored = ProbeRecord.From(app.Probe).ToProbe();
        Assert.That(restored.Check.Kind, Is.EqualTo(kind), "the check survives the run record");
        Assert.That(restored.Check.GetType(), Is.EqualTo(check));

        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        var schema = manifest.RootElement.GetProperty("info").GetProperty("named_endpoints").GetProperty(endpoint);
        var parameters = schema.GetProperty("parameters");
        Assert.That(parameters.GetArrayLength(), Is.EqualTo(app.Probe.Inputs.Count));
        Assert.That(parameters[imageInput].GetProperty("component").GetString(), Is.EqualTo("Image"));
        var simulation = manifest.RootElement.GetProperty("simulation").GetProperty(endpoint);
        Assert.That(simulation.GetProperty("mode").GetString(), Is.EqualTo(mode));
        Assert.That(simulation.GetProperty("requires_upload").GetBoolean(), Is.True, "the Sandbox answers only after a real upload");
        Assert.That(app["app.py"], Does.Contain("EXAMPLES = [\"https://huggingface.co/datasets/mishig/sample_images/resolve/main/savanna.jpg\"]").And.Contain("gr.Examples(EXAMPLES, inputs=image)"));
        Assert.That(app["requirements.txt"], Does.Contain("transformers==4.57.1").And.Contain("torch==2.8.0").And.Contain("torchvision==0.23.0"));
    }

    [Test]
    public void Captioning_runs_the_image_to_text_pipeline_and_its_simulation_passes_its_probe()
    {
        var app = Generator.Generate(RequestFor(SupportedPipeline.ImageToText));

        Assert.That(app["app.py"], Does.Contain("TASK = \"image-to-text\"").And.Contain("pipe = pipeline(TASK, model=MODEL_ID, torch_dtype=TORCH_DTYPE)").And.Contain("TORCH_DTYPE = \"float32\""));
        Assert.That(app["app.py"], Does.Contain("api_name=\"caption\""));
        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        var outputs = GradioAppGeneratorTests.Simulate(manifest.RootElement.GetProperty("simulation").GetProperty("/caption"), app.Probe.Inputs);
        var verdict = app.Probe.Check.Evaluate(outputs);
        Assert.That(verdict.Passed, Is.True, verdict.Reason);
    }

    [Test]
    public void Zero_shot_image_classification_sends_the_cards_candidate_labels_and_requires_one_of_them_on_top()
    {
        var app = Generator.Generate(RequestFor(SupportedPipeline.ZeroShotImageClassification, example: new ProbeExample("(image)", null, ["playing music", "playing, sports"])));

        Assert.That(app.Probe.Inputs[1].GetString(), Is.EqualTo("playing music, playing  sports"), "a comma inside a label would split it, so it becomes a space");
        Assert.That(((LabelScoresCheck)app.Probe.Check).AllowedLabels, Is.EqualTo(new[] { "playing music", "playing  sports" }));
        Assert.That(app["app.py"], Does.Contain("CANDIDATE_LABELS = \"playing music, playing  sports\"").And.Contain("pipe(image.convert(\"RGB\"), candidate_labels=labels)"));
        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        var outputs = GradioAppGeneratorTests.Simulate(manifest.RootElement.GetProperty("simulation").GetProperty("/classify"), app.Probe.Inputs);
        var verdict = app.Probe.Check.Evaluate(outputs);
        Assert.That(verdict.Passed, Is.True, verdict.Reason);
        Assert.That(Generator.Generate(RequestFor(SupportedPipeline.ZeroShotImageClassification)).Probe.Inputs[1].GetString(), Is.EqualTo("a photo of a cat, a photo of a dog, a colourful gradient"), "a neutral default set");
    }

    [Test]
    public void Object_detection_returns_an_annotated_image_and_the_boxes_and_the_probe_asks_for_every_box()
    {
        var app = Generator.Generate(RequestFor(SupportedPipeline.ObjectDetection));

        Assert.That(app.Probe.Inputs[1].GetDouble(), Is.Zero, "threshold 0: a gradient may hold nothing above the usual threshold");
        Assert.That(app["app.py"], Does.Contain("gr.AnnotatedImage(label=\"detections\", format=\"png\")").And.Contain("outputs=[annotated, boxes]").And.Contain("THRESHOLD = 0.5"));
        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        var detect = manifest.RootElement.GetProperty("info").GetProperty("named_endpoints").GetProperty("/detect");
        Assert.That(detect.GetProperty("parameters")[1].GetProperty("parameter_default").GetDouble(), Is.EqualTo(0.5), "the schema states the app's default");
        var returns = detect.GetProperty("returns");
        Assert.That(returns.EnumerateArray().Select(r => r.GetProperty("component").GetString()), Is.EqualTo(new[] { "Annotatedimage", "Json" }));
        var simulation = manifest.RootElement.GetProperty("simulation").GetProperty("/detect");
        Assert.That(simulation.GetProperty("boxes").GetBoolean(), Is.True);
        Assert.That(simulation.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("label").GetString()), Is.EqualTo(new[] { "person", "bicycle" }), "the model's labels, without COCO's N/A");
    }

    [Test]
    public void Segmentation_returns_one_labelled_mask_per_segment()
    {
        var app = Generator.Generate(RequestFor(SupportedPipeline.ImageSegmentation));

        Assert.That(app["app.py"], Does.Contain("gr.AnnotatedImage(label=\"segments\", format=\"png\")").And.Contain("np.asarray(item[\"mask\"], dtype=np.float32) / 255.0"));
        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        var simulation = manifest.RootElement.GetProperty("simulation").GetProperty("/segment");
        Assert.That(simulation.GetProperty("boxes").GetBoolean(), Is.False, "segmentation has no box list");
        Assert.That(simulation.GetProperty("annotations").EnumerateArray().All(a => !a.TryGetProperty("score", out _)), Is.True, "semantic segments have no score");
    }

    [Test]
    public void Depth_estimation_returns_the_depth_map_as_a_png()
    {
        var app = Generator.Generate(RequestFor(SupportedPipeline.DepthEstimation));

        Assert.That(app["app.py"], Does.Contain("return pipe(image.convert(\"RGB\"))[\"depth\"]").And.Contain("gr.Image(label=\"depth\", type=\"pil\", format=\"png\")"));
    }

    [Test]
    public void Vision_language_chat_streams_from_a_named_endpoint_taking_messages_and_an_image_and_borrows_the_gpu_for_a_bounded_time()
    {
        var app = Generator.Generate(RequestFor(SupportedPipeline.ImageTextToText, zeroGpu: true, example: new ProbeExample("What is in this picture?")) with { TorchDtype = "bfloat16" });
        var structure = PythonAppInspector.Inspect(app["app.py"]);
        if (structure is null)
        {
            Assert.Ignore("python3 is not installed.");
        }

        Assert.That(structure!.Generators, Does.Contain("chat"), "chat yields the growing reply");
        Assert.That(app["app.py"], Does.Contain("@spaces.GPU(duration=120)\ndef chat(messages: list, image, max_new_tokens: float = 256):"));
        Assert.That(app["app.py"], Does.Contain("AutoModelForImageTextToText.from_pretrained(MODEL_ID, torch_dtype=TORCH_DTYPE, device_map=\"cuda\")").And.Contain("TORCH_DTYPE = \"bfloat16\""));
        Assert.That(app["app.py"], Does.Contain("processor.apply_chat_template(").And.Contain("TextIteratorStreamer").And.Contain("inputs=[messages, image, max_new_tokens]"));
        Assert.That(app.Probe.Inputs[0][0].GetProperty("content").GetString(), Is.EqualTo("What is in this picture?"));
        Assert.That(app["requirements.txt"], Does.Contain("accelerate=="));
        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        Assert.That(manifest.RootElement.GetProperty("simulation").GetProperty("/add_message").GetProperty("mode").GetString(), Is.EqualTo("chat_add_message"));
    }
}
