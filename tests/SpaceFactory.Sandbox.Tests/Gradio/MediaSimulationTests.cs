using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Gradio;

namespace SpaceFactory.Sandbox.Tests.Gradio;

[TestFixture]
public class MediaSimulationTests
{
    private string _uploads = "";
    private SimulatedFiles _files = null!;

    [SetUp]
    public void SetUp()
    {
        _uploads = Path.Combine(Path.GetTempPath(), "sf-media-" + Guid.NewGuid().ToString("N"));
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
    public void The_image_mode_returns_a_real_png_served_from_the_uploads_folder()
    {
        var endpoint = Endpoint("/generate", new JsonObject { ["mode"] = "image", ["width"] = 32, ["height"] = 16 }, "Textbox");

        var outcome = GradioSimulator.Run(endpoint, new JsonArray("a cat"), _files);

        var file = outcome.Outputs!.Single()!.AsObject();
        var path = file["path"]!.GetValue<string>();
        Assert.That(path, Does.StartWith(_uploads));
        Assert.That(file["url"]!.GetValue<string>(), Is.EqualTo("http://127.0.0.1:1/gradio_api/file=" + path));
        Assert.That(file["meta"]!["_type"]!.GetValue<string>(), Is.EqualTo("gradio.FileData"));
        var png = File.ReadAllBytes(path);
        Assert.That(png[..8], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        Assert.That(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), Is.EqualTo(32));
        Assert.That(file["size"]!.GetValue<int>(), Is.EqualTo(png.Length));
    }

    [Test]
    public void The_audio_mode_returns_a_real_wav()
    {
        var outcome = GradioSimulator.Run(Endpoint("/speak", new JsonObject { ["mode"] = "audio" }, "Textbox"), new JsonArray("hi"), _files);
        var wav = File.ReadAllBytes(outcome.Outputs!.Single()!["path"]!.GetValue<string>());
        Assert.That(System.Text.Encoding.ASCII.GetString(wav, 0, 4), Is.EqualTo("RIFF"));
        Assert.That(wav.Length, Is.EqualTo(44 + 32000), "one second of 16 kHz 16-bit mono");
    }

    [Test]
    public void A_file_input_must_have_been_uploaded()
    {
        var simulation = new JsonObject { ["mode"] = "fixed", ["requires_upload"] = true, ["outputs"] = new JsonArray("ok") };
        var endpoint = Endpoint("/classify", simulation, "Image");
        var uploaded = _files.Store([1, 2, 3], "probe.png", "image/png");

        var missing = GradioSimulator.Run(endpoint, new JsonArray(new JsonObject { ["path"] = "/etc/passwd" }), _files);
        var present = GradioSimulator.Run(endpoint, new JsonArray(uploaded), _files);

        Assert.That(missing.Success, Is.False);
        Assert.That(missing.ErrorMessage, Does.Contain("was not uploaded"));
        Assert.That(present.Outputs!.Single()!.GetValue<string>(), Is.EqualTo("ok"));
    }

    [Test]
    public void The_chat_mode_answers_the_last_user_message_and_refuses_a_conversation_without_one()
    {
        var endpoint = Endpoint("/chat", new JsonObject { ["mode"] = "chat" }, "Chatbot");
        var messages = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hi" });

        var answer = GradioSimulator.Run(endpoint, new JsonArray(messages), _files).Outputs!.Single()!.AsArray();
        var refused = GradioSimulator.Run(endpoint, new JsonArray(new JsonArray()), _files);

        Assert.That(answer, Has.Count.EqualTo(2));
        Assert.That(answer[1]!["role"]!.GetValue<string>(), Is.EqualTo("assistant"));
        Assert.That(answer[1]!["content"]!.GetValue<string>(), Does.Contain("Hi"));
        Assert.That(refused.IsGrError, Is.True);
    }

    [Test]
    public void A_manifest_may_use_the_media_modes()
    {
        var manifest = """{"schema_version": 1, "info": {"named_endpoints": {"/generate": {"parameters": [], "returns": []}}}, "simulation": {"/generate": {"mode": "image"}}}"""u8;
        Assert.That(GradioManifest.TryParse(manifest, out var error), Is.Not.Null, error);
    }

    private static GradioEndpoint Endpoint(string name, JsonObject simulation, string inputComponent) =>
        new(name, 0, new JsonArray(new JsonObject { ["label"] = "input", ["component"] = inputComponent }), new JsonArray(new JsonObject { ["label"] = "output" }), simulation["mode"]!.GetValue<string>(), simulation);
}
