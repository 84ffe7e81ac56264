using System.Text.Json;
using SpaceFactory.Core;
using SpaceFactory.Phases.Recipes;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>
/// The model-card recipe for one real model id per template, end to end against the Sandbox: analysis, generation,
/// deployment, media uploads and output checks by type, up to simulated_inference_success.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ModelCardTemplateTests
{
    public static IEnumerable<TestCaseData> Models()
    {
        yield return Case("google/vit-base-patch16-224", "image-classification", "/classify", "label_with_scores", input: "artifacts/input0_probe.png", output: null);
        yield return Case("timm/resnet18.a1_in1k", "image-classification", "/classify", "label_with_scores", input: "artifacts/input0_probe.png", output: null);
        yield return Case("openai/whisper-tiny", "automatic-speech-recognition", "/transcribe", "non_empty_text", input: "artifacts/input0_probe.wav", output: null);
        yield return Case("stabilityai/sd-turbo", "text-to-image", "/generate", "image_file", input: null, output: "artifacts/output.png");
        yield return Case("hf-internal-testing/tiny-stable-diffusion-pipe", "text-to-image", "/generate", "image_file", input: null, output: "artifacts/output.png");
        yield return Case("sentence-transformers/all-MiniLM-L6-v2", "sentence-similarity", "/embed", "embedding_vector", input: null, output: null);
        yield return Case("HuggingFaceTB/SmolLM2-135M-Instruct", "chat", "/chat", "chat_messages", input: null, output: null);
        yield return Case("Salesforce/blip-image-captioning-base", "image-to-text", "/caption", "non_empty_text", input: "artifacts/input0_probe.png", output: null);
        yield return Case("hustvl/yolos-tiny", "object-detection", "/detect", "annotated_boxes", input: "artifacts/input0_probe.png", output: "artifacts/output.png");
        yield return Case("openai/clip-vit-base-patch32", "zero-shot-image-classification", "/classify", "label_with_scores", input: "artifacts/input0_probe.png", output: null);
        yield return Case("depth-anything/Depth-Anything-V2-Small-hf", "depth-estimation", "/estimate", "image_file", input: "artifacts/input0_probe.png", output: "artifacts/output.png");
        yield return Case("nvidia/segformer-b0-finetuned-ade-512-512", "image-segmentation", "/segment", "annotated_masks", input: "artifacts/input0_probe.png", output: "artifacts/output.png");
        yield return Case("HuggingFaceTB/SmolVLM-256M-Instruct", "image-text-to-text", "/chat", "chat_messages", input: "artifacts/input1_probe.png", output: null);
        yield return Case("superb/wav2vec2-base-superb-ks", "audio-classification", "/classify", "label_with_scores", input: "artifacts/input0_probe.wav", output: null);
        yield return Case("facebook/mms-tts-eng", "text-to-speech", "/synthesize", "audio_file", input: null, output: "artifacts/output.wav");
        yield return Case("facebook/musicgen-small", "text-to-audio", "/synthesize", "audio_file", input: null, output: "artifacts/output.wav");
        yield return Case("timbrooks/instruct-pix2pix", "image-to-image", "/edit", "image_file", input: "artifacts/input0_probe.png", output: "artifacts/output.png");
        yield return Case("TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF", "gguf-chat", "/chat", "chat_messages", input: null, output: null);
    }

    [TestCaseSource(nameof(Models))]
    public async Task Each_template_reaches_simulated_inference_success(string model, string pipeline, string endpoint, string check, string? input, string? output)
    {
        await using var fixture = await FactoryFixture.StartAsync();

        var result = await fixture.RunAsync(FactoryRecipes.ModelCard, ("model", model));

        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), result.Outcome?.Reason);
        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.SimulatedInferenceSuccess));
        var folder = fixture.RunFolder(result.RunId);
        using var analysis = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "model_analysis.json")));
        Assert.That(analysis.RootElement.GetProperty("pipeline").GetString(), Is.EqualTo(pipeline));
        using var test = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "tests/test_result.json")));
        Assert.That(test.RootElement.GetProperty("endpoint").GetString(), Is.EqualTo(endpoint));
        Assert.That(test.RootElement.GetProperty("check").GetString(), Is.EqualTo(check));
        Assert.That(test.RootElement.GetProperty("passed").GetBoolean(), Is.True, test.RootElement.GetProperty("reason").GetString());
        if (check == "embedding_vector")
        {
            Assert.That(test.RootElement.GetProperty("reason").GetString(), Does.StartWith("/embed passed").And.Contain("a 384-dimensional embedding"), "the model's dimension from its config.json");
        }

        var report = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"));
        if (input is not null)
        {
            Assert.That(File.Exists(Path.Combine(folder, input)), Is.True, "the probe's own media input is kept with the run");
            var slot = int.Parse(input["artifacts/input".Length..input.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(test.RootElement.GetProperty("inputs")[slot].GetProperty("path").GetString(), Is.Not.Empty, "the probe sent the uploaded file");
        }

        if (output is not null)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, output));
            byte[] magic = output.EndsWith(".wav", StringComparison.Ordinal) ? "RIFF"u8.ToArray() : [0x89, 0x50, 0x4E, 0x47];
            Assert.That(bytes[..4], Is.EqualTo(magic), "a real PNG or WAV was downloaded and stored");
            Assert.That(report, Does.Contain($"[{output}]({output})"), "report.md links the returned file");
        }

        var space = $"{fixture.Sandbox.DefaultUser}/{model.Split('/')[1].ToLowerInvariant()}-demo";
        var appPy = System.Text.Encoding.UTF8.GetString(fixture.Sandbox.Inspector.ReadFile(space, "app.py", "space") ?? []);
        Assert.That(appPy, Does.Contain("demo.launch(show_error=True)"), space);
    }

    private static TestCaseData Case(string model, string pipeline, string endpoint, string check, string? input, string? output) =>
        new TestCaseData(model, pipeline, endpoint, check, input, output).SetArgDisplayNames(model);
}
