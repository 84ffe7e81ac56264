using System.Text.Json;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Tests.Generation;

/// <summary>
/// The audio-classification, text-to-speech/text-to-audio, image-to-image and GGUF chat templates: their endpoints,
/// probes, simulations, requirements and the lines that load and run the model (compilation and the ast structure
/// checks of every template are in <see cref="GeneratedAppStructureTests"/>).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class AudioAndGenerationTemplateTests
{
    private static readonly GradioAppGenerator Generator = new();

    private static GradioAppRequest Request(SupportedPipeline pipeline, string model, string example, bool zeroGpu = false) => new()
    {
        Model = RepoId.Parse(model),
        Pipeline = pipeline,
        Library = pipeline == SupportedPipeline.ImageToImage ? "diffusers" : pipeline == SupportedPipeline.GgufChat ? "gguf" : "transformers",
        Example = new ProbeExample(example),
        UseZeroGpu = zeroGpu,
        GgufFile = pipeline == SupportedPipeline.GgufChat ? "tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf" : null,
    };

    private static JsonElement Simulation(GeneratedSpaceApp app, string endpoint)
    {
        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        return manifest.RootElement.GetProperty("simulation").GetProperty(endpoint).Clone();
    }

    private static JsonElement Schema(GeneratedSpaceApp app, string endpoint)
    {
        using var manifest = JsonDocument.Parse(app["spacefactory_manifest.json"]);
        return manifest.RootElement.GetProperty("info").GetProperty("named_endpoints").GetProperty(endpoint).Clone();
    }

    [Test]
    public void A_gguf_chat_names_its_file_loads_it_once_with_llama_cpp_and_streams_from_a_messages_endpoint()
    {
        var app = Generator.Generate(Request(SupportedPipeline.GgufChat, "TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF", "Hi!"));
        var source = app["app.py"];

        Assert.That(source, Does.Contain("GGUF_FILE = \"tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf\""));
        Assert.That(source, Does.Contain("MODEL_ID = \"TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF\""));
        Assert.That(source.Split("Llama.from_pretrained(").Length - 1, Is.EqualTo(1), "the model loads once, at start-up");
        Assert.That(source, Does.Contain("Llama.from_pretrained(repo_id=MODEL_ID, filename=GGUF_FILE"));
        Assert.That(source, Does.Contain("create_chat_completion(messages=history").And.Contain("stream=True"));
        Assert.That(source, Does.Not.Contain("transformers").And.Not.Contain("torch"));
        Assert.That(app["requirements.txt"].Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')), Is.EqualTo(new[] { "llama-cpp-python==0.3.16" }));
        var structure = PythonAppInspector.Inspect(source);
        if (structure is not null)
        {
            Assert.That(structure.Generators, Does.Contain("chat"), "chat yields the growing reply");
        }

        Assert.That(app.Probe.ApiName, Is.EqualTo("/chat"));
        Assert.That(app.Probe.Check, Is.InstanceOf<ChatMessagesCheck>());
        Assert.That(app.Probe.Inputs[0][0].GetProperty("content").GetString(), Is.EqualTo("Hi!"));
        Assert.That(Simulation(app, "/chat").GetProperty("mode").GetString(), Is.EqualTo("chat"));
        Assert.That(Simulation(app, "/add_message").GetProperty("mode").GetString(), Is.EqualTo("chat_add_message"));
        Assert.That(Schema(app, "/chat").GetProperty("parameters")[0].GetProperty("component").GetString(), Is.EqualTo("Chatbot"));
    }

    [Test]
    public void A_gguf_chat_without_its_file_or_on_zerogpu_is_refused_naming_the_problem()
    {
        var missing = Assert.Throws<ArgumentException>(() => Generator.Generate(Request(SupportedPipeline.GgufChat, "org/model-GGUF", "Hi") with { GgufFile = null }));
        var zeroGpu = Assert.Throws<ArgumentException>(() => Generator.Generate(Request(SupportedPipeline.GgufChat, "org/model-GGUF", "Hi", zeroGpu: true)));

        Assert.That(missing!.Message, Does.Contain(".gguf file").And.Contain("org/model-GGUF"));
        Assert.That(zeroGpu!.Message, Does.Contain("ZeroGPU").And.Contain("CPU"));
    }

    [TestCase(SupportedPipeline.TextToSpeech, "facebook/mms-tts-eng", 0)]
    [TestCase(SupportedPipeline.TextToAudio, "facebook/musicgen-small", 256)]
    public void Text_to_speech_and_text_to_audio_share_one_template_returning_a_wav_file(SupportedPipeline pipeline, string model, int tokens)
    {
        var app = Generator.Generate(Request(pipeline, model, "Hello there"));
        var source = app["app.py"];

        Assert.That(source, Does.Contain($"TASK = \"{pipeline.ToTag()}\"").And.Contain($"MAX_NEW_TOKENS = {tokens}\n"));
        Assert.That(source, Does.Contain("gr.Audio(label=\"audio\", type=\"numpy\", format=\"wav\")"));
        Assert.That(source, Does.Contain("pipe = pipeline(TASK, model=MODEL_ID, torch_dtype=TORCH_DTYPE)"));
        Assert.That(app.Probe.ApiName, Is.EqualTo("/synthesize"));
        Assert.That(app.Probe.Check, Is.InstanceOf<AudioFileCheck>());
        Assert.That(app.Probe.Inputs.Single().GetString(), Is.EqualTo("Hello there"));
        Assert.That(app.Probe.Uploads, Is.Empty);
        Assert.That(Simulation(app, "/synthesize").GetProperty("mode").GetString(), Is.EqualTo("audio"));
        Assert.That(Schema(app, "/synthesize").GetProperty("returns")[0].GetProperty("component").GetString(), Is.EqualTo("Audio"));
    }

    [Test]
    public void Text_to_speech_on_zerogpu_borrows_the_gpu_for_a_bounded_time()
    {
        var source = Generator.Generate(Request(SupportedPipeline.TextToSpeech, "facebook/mms-tts-eng", "Hi", zeroGpu: true))["app.py"];

        Assert.That(source, Does.Contain("@spaces.GPU(duration=60)\ndef synthesize("));
        Assert.That(source, Does.Contain("device=\"cuda\"").And.Not.Contain("pipe = pipeline(TASK, model=MODEL_ID, torch_dtype=TORCH_DTYPE)\n"));
    }

    [Test]
    public void Audio_classification_uploads_the_factory_tone_and_answers_a_label_with_scores()
    {
        var app = Generator.Generate(Request(SupportedPipeline.AudioClassification, "superb/wav2vec2-base-superb-ks", "(a tone)") with
        {
            Labels = ["yes", "no", "up", "down", "left", "right"],
            TorchDtype = "float32",
            Examples = ["https://cdn-media.huggingface.co/speech_samples/keyword_spotting_down.wav"],
        });

        Assert.That(app.Probe.ApiName, Is.EqualTo("/classify"));
        Assert.That(app.Probe.Uploads, Is.EqualTo(new[] { new ProbeUpload(0, ProbeMedia.Wav) }));
        Assert.That(app.Probe.Check, Is.InstanceOf<LabelScoresCheck>());
        var simulation = Simulation(app, "/classify");
        Assert.That(simulation.GetProperty("requires_upload").GetBoolean(), Is.True, "the Sandbox answers only an uploaded recording");
        var verdict = app.Probe.Check.Evaluate(GradioAppGeneratorTests.Simulate(simulation, app.Probe.Inputs));
        Assert.That(verdict.Passed, Is.True, verdict.Reason);
        Assert.That(simulation.GetProperty("outputs")[0].GetProperty("confidences").GetArrayLength(), Is.EqualTo(5), "the top five, as the app answers");
        Assert.That(app["app.py"], Does.Contain("pipe({\"raw\": samples, \"sampling_rate\": rate}, top_k=5)").And.Contain("TORCH_DTYPE = \"float32\""));
        Assert.That(app["app.py"], Does.Contain("EXAMPLES = [\"https://cdn-media.huggingface.co/speech_samples/keyword_spotting_down.wav\"]"));
        Assert.That(app["requirements.txt"], Does.Contain("transformers==").And.Contain("torch==").And.Contain("torchaudio=="));
        Assert.That(Schema(app, "/classify").GetProperty("parameters")[0].GetProperty("component").GetString(), Is.EqualTo("Audio"));
    }

    [Test]
    public void Image_to_image_uploads_the_factory_image_with_the_prompt_and_returns_an_image()
    {
        var app = Generator.Generate(Request(SupportedPipeline.ImageToImage, "timbrooks/instruct-pix2pix", "Make it snowy"));

        Assert.That(app.Probe.ApiName, Is.EqualTo("/edit"));
        Assert.That(app.Probe.Uploads, Is.EqualTo(new[] { new ProbeUpload(0, ProbeMedia.Png) }));
        Assert.That(app.Probe.Check, Is.InstanceOf<ImageFileCheck>());
        Assert.That(app.Probe.Inputs[1].GetString(), Is.EqualTo("Make it snowy"));
        var parameters = Schema(app, "/edit").GetProperty("parameters");
        Assert.That(parameters.GetArrayLength(), Is.EqualTo(app.Probe.Inputs.Count));
        Assert.That(parameters[0].GetProperty("component").GetString(), Is.EqualTo("Image"));
        var simulation = Simulation(app, "/edit");
        Assert.That(simulation.GetProperty("mode").GetString(), Is.EqualTo("image"));
        Assert.That(simulation.GetProperty("requires_upload").GetBoolean(), Is.True);
        Assert.That(app["app.py"], Does.Contain("DiffusionPipeline.from_pretrained(MODEL_ID, torch_dtype=DTYPES[TORCH_DTYPE])").And.Contain("AutoPipelineForImage2Image.from_pipe(pipe)"));
        Assert.That(app["app.py"], Does.Contain("TORCH_DTYPE = \"float32\""), "CPU runs in float32");
        Assert.That(app["requirements.txt"], Does.Contain("diffusers==").And.Contain("accelerate=="));
    }

    [Test]
    public void Image_to_image_on_zerogpu_moves_the_pipeline_to_the_gpu_only_inside_the_decorated_call()
    {
        var app = Generator.Generate(Request(SupportedPipeline.ImageToImage, "stabilityai/sd-turbo", "Make it snowy", zeroGpu: true) with { TorchDtype = "bfloat16" })["app.py"];

        Assert.That(app, Does.Contain("@spaces.GPU(duration=60)\ndef edit("));
        Assert.That(app.IndexOf("pipe.to(\"cuda\")", StringComparison.Ordinal), Is.GreaterThan(app.IndexOf("def edit(", StringComparison.Ordinal)));
        Assert.That(app, Does.Contain("TORCH_DTYPE = \"bfloat16\""));
        Assert.That(app, Does.Contain("STEPS = 2\n"), "a turbo model gets its few steps, at least two so that steps x strength stays one or more");
    }
}
