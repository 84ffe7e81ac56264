using System.Diagnostics;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Tests.Generation;

/// <summary>
/// The generated vision apps, CPU and ZeroGPU, executed by Python against stand-in gradio, spaces and transformers
/// modules (Fixtures/standins): each endpoint is called with a PIL image and must return what Gradio's components take.
/// Needs a python3 with numpy and Pillow (e.g. Debian's python3-numpy, python3-pil); ignored otherwise.
/// </summary>
[TestFixture]
public class VisionAppsRunTests
{
    private static readonly SupportedPipeline[] Vision =
    [
        SupportedPipeline.ImageToText, SupportedPipeline.ObjectDetection, SupportedPipeline.ZeroShotImageClassification,
        SupportedPipeline.DepthEstimation, SupportedPipeline.ImageSegmentation, SupportedPipeline.ImageTextToText,
    ];

    [Test]
    public void Every_vision_app_runs_its_endpoints_with_stand_in_libraries()
    {
        var python = ((string[])["python3", "/usr/bin/python3"]).FirstOrDefault(p => Run(p, ["-c", "import numpy, PIL"]).Code == 0);
        if (python is null)
        {
            Assert.Ignore("no python3 with numpy and Pillow is installed.");
        }

        var folder = Directory.CreateTempSubdirectory("sf-vision-apps-").FullName;
        try
        {
            var generator = new GradioAppGenerator();
            foreach (var pipeline in Vision)
            {
                foreach (var zeroGpu in (bool[])[false, true])
                {
                    var app = generator.Generate(new GradioAppRequest
                    {
                        Model = RepoId.Parse("org/vision-model"),
                        Pipeline = pipeline,
                        Example = new ProbeExample("What is this?", null, ["a cat", "a dog"]),
                        UseZeroGpu = zeroGpu,
                        Examples = ["https://huggingface.co/datasets/mishig/sample_images/resolve/main/savanna.jpg"],
                    });
                    File.WriteAllText(Path.Combine(folder, $"{pipeline.ToTag()}-{(zeroGpu ? "zerogpu" : "cpu")}.py"), app["app.py"]);
                }
            }

            var (code, output) = Run(python, [Path.Combine(AppContext.BaseDirectory, "Fixtures", "standins", "vision_apps.py"), folder]);

            Assert.That(code, Is.Zero, output);
            Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("ok ", StringComparison.Ordinal)), Is.EqualTo(Vision.Length * 2), output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static (int Code, string Output) Run(string python, string[] arguments)
    {
        var start = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "python did not finish within 2 minutes");
            }

            return (process.ExitCode, stdout + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, python + " is not installed");
        }
    }
}
