using System.Text.Json;
using SpaceFactory.Core;
using SpaceFactory.Phases.Recipes;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>
/// The annotated-image templates end to end against the Sandbox: every file the app returned (the base image and each
/// mask) is downloaded, decodes as a PNG, is stored under artifacts/ and linked from report.md.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class VisionModelCardTemplateTests
{
    [TestCase("hustvl/yolos-tiny", "annotated_boxes")]
    [TestCase("nvidia/segformer-b0-finetuned-ade-512-512", "annotated_masks")]
    public async Task Every_returned_image_of_an_annotated_output_is_stored_and_linked(string model, string check)
    {
        await using var fixture = await FactoryFixture.StartAsync();

        var result = await fixture.RunAsync(FactoryRecipes.ModelCard, ("model", model));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.SimulatedInferenceSuccess), result.Outcome.Reason);
        var folder = fixture.RunFolder(result.RunId);
        using var test = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "tests/test_result.json")));
        Assert.That(test.RootElement.GetProperty("check").GetString(), Is.EqualTo(check));
        var outputs = test.RootElement.GetProperty("outputs");
        var annotations = outputs[0].GetProperty("annotations");
        Assert.That(annotations.GetArrayLength(), Is.EqualTo(2));
        Assert.That(outputs.GetArrayLength(), Is.EqualTo(check == "annotated_boxes" ? 2 : 1), "detection also returns the boxes as JSON");
        var report = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"));
        foreach (var artifact in (string[])["artifacts/output.png", "artifacts/output1.png", "artifacts/output2.png"])
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, artifact));
            Assert.That(bytes[..4], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }), artifact);
            Assert.That(report, Does.Contain($"[{artifact}]({artifact})"), "report.md links " + artifact);
        }

        // The masks are RGBA (colour type 6) as Gradio draws them; the base image is the app's RGB picture.
        Assert.That((await File.ReadAllBytesAsync(Path.Combine(folder, "artifacts/output1.png")))[25], Is.EqualTo(6));
        if (check == "annotated_boxes")
        {
            var box = outputs[1][0];
            Assert.That(box.GetProperty("box").GetProperty("xmax").GetInt32(), Is.GreaterThan(box.GetProperty("box").GetProperty("xmin").GetInt32()));
            Assert.That(annotations[0].GetProperty("label").GetString(), Is.EqualTo(box.GetProperty("label").GetString() + " 0.90"), "the mask's label shows the box's score, as the app does");
        }
    }
}
