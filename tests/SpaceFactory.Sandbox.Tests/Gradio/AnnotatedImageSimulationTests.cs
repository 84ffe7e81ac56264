using System.Buffers.Binary;
using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Gradio;

namespace SpaceFactory.Sandbox.Tests.Gradio;

[TestFixture]
public class AnnotatedImageSimulationTests
{
    private string _uploads = "";
    private SimulatedFiles _files = null!;

    [SetUp]
    public void SetUp()
    {
        _uploads = Path.Combine(Path.GetTempPath(), "sf-annotated-" + Guid.NewGuid().ToString("N"));
        _files = new SimulatedFiles(_uploads, () => "http://127.0.0.1:1/gradio_api");
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_uploads))
        {
            Directory.Delete(_uploads, recursive: true);
        }
    }

    [Test]
    public void Detection_returns_gradios_annotated_image_data_with_real_pngs_and_the_boxes_as_json()
    {
        var simulation = Simulation(boxes: true, new JsonObject { ["label"] = "cat", ["score"] = 0.9, ["box"] = new JsonArray(4, 6, 40, 44) });

        var outcome = GradioSimulator.Run(Endpoint(simulation), new JsonArray(Upload()), _files);

        Assert.That(outcome.Success, Is.True, outcome.ErrorMessage);
        Assert.That(outcome.Outputs, Has.Count.EqualTo(2));
        var annotated = outcome.Outputs![0]!.AsObject();
        var baseImage = File.ReadAllBytes(annotated["image"]!["path"]!.GetValue<string>());
        Assert.That(Size(baseImage), Is.EqualTo((32, 16)));
        Assert.That(annotated["image"]!["url"]!.GetValue<string>(), Does.StartWith("http://127.0.0.1:1/gradio_api/file=" + _uploads));
        var annotation = annotated["annotations"]!.AsArray().Single()!;
        Assert.That(annotation["label"]!.GetValue<string>(), Is.EqualTo("cat 0.90"), "the app shows the score with the label");
        var mask = File.ReadAllBytes(annotation["image"]!["path"]!.GetValue<string>());
        Assert.That(Size(mask), Is.EqualTo((32, 16)), "a mask has the base image's size");
        Assert.That(mask[25], Is.EqualTo(6), "RGBA, as Gradio draws masks");
        var box = outcome.Outputs[1]!.AsArray().Single()!;
        Assert.That(box["label"]!.GetValue<string>(), Is.EqualTo("cat"));
        Assert.That(box["score"]!.GetValue<double>(), Is.EqualTo(0.9));
        Assert.That(box["box"]!.ToJsonString(), Is.EqualTo("""{"xmin":4,"ymin":6,"xmax":32,"ymax":16}"""), "corners are clamped to the image");
    }

    [Test]
    public void Segmentation_returns_only_the_annotated_image_with_unscored_labels()
    {
        var simulation = Simulation(boxes: false, new JsonObject { ["label"] = "wall", ["box"] = new JsonArray(0, 0, 10, 10) }, new JsonObject { ["label"] = "sky" });

        var outcome = GradioSimulator.Run(Endpoint(simulation), new JsonArray(Upload()), _files);

        var annotations = outcome.Outputs!.Single()!["annotations"]!.AsArray();
        Assert.That(annotations.Select(a => a!["label"]!.GetValue<string>()), Is.EqualTo(new[] { "wall", "sky" }));
        Assert.That(annotations.Select(a => a!["image"]!["path"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(2), "two different masks");
    }

    [Test]
    public void The_image_must_have_been_uploaded_first()
    {
        var outcome = GradioSimulator.Run(Endpoint(Simulation(boxes: true)), new JsonArray(new JsonObject { ["path"] = "/etc/hosts" }), _files);

        Assert.That(outcome.Success, Is.False);
        Assert.That(outcome.ErrorMessage, Does.Contain("was not uploaded"));
    }

    [Test]
    public void At_most_sixteen_annotations_are_drawn()
    {
        var many = Enumerable.Range(0, 40).Select(i => (JsonNode)new JsonObject { ["label"] = "x" + i }).ToArray();

        var outcome = GradioSimulator.Run(Endpoint(Simulation(boxes: true, many)), new JsonArray(Upload()), _files);

        Assert.That(outcome.Outputs![0]!["annotations"]!.AsArray(), Has.Count.EqualTo(16));
        Assert.That(outcome.Outputs[1]!.AsArray(), Has.Count.EqualTo(16));
    }

    [Test]
    public void A_manifest_may_use_the_annotated_image_mode()
    {
        var manifest = """{"schema_version": 1, "info": {"named_endpoints": {"/detect": {"parameters": [], "returns": []}}}, "simulation": {"/detect": {"mode": "annotated_image"}}}"""u8;
        Assert.That(GradioManifest.TryParse(manifest, out var error), Is.Not.Null, error);
        var unknown = """{"schema_version": 1, "info": {"named_endpoints": {"/detect": {"parameters": [], "returns": []}}}, "simulation": {"/detect": {"mode": "boxes"}}}"""u8;
        Assert.That(GradioManifest.TryParse(unknown, out var reason), Is.Null);
        Assert.That(reason, Does.Contain("annotated_image"), "the error lists the mode");
    }

    private static JsonObject Simulation(bool boxes, params JsonNode[] annotations) => new()
    {
        ["mode"] = AnnotatedImageSimulation.Mode,
        ["requires_upload"] = true,
        ["width"] = 32,
        ["height"] = 16,
        ["boxes"] = boxes,
        ["annotations"] = new JsonArray(annotations),
    };

    private JsonObject Upload() => _files.Store(TinyMedia.Png(8, 8), "probe.png", "image/png");

    private static (int Width, int Height) Size(byte[] png) => (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));

    private static GradioEndpoint Endpoint(JsonObject simulation) =>
        new("/detect", 0, new JsonArray(new JsonObject { ["label"] = "image", ["component"] = "Image" }), new JsonArray(new JsonObject { ["label"] = "detections" }), simulation["mode"]!.GetValue<string>(), simulation);
}
