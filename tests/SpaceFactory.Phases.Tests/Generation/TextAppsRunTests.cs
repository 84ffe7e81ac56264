using SpaceFactory.Hf;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Tests.Generation;

/// <summary>
/// The generated text apps (the Transformers text pipelines and sentence-similarity), CPU and ZeroGPU, executed by
/// Python against stand-in gradio, spaces, transformers and sentence-transformers modules (Fixtures/standins): each
/// loads its model once with its TORCH_DTYPE, answers its endpoint in its output component's shape, and refuses an
/// empty text. Needs a python3 with numpy and Pillow (the stand-in transformers imports them); ignored otherwise.
/// </summary>
[TestFixture]
public class TextAppsRunTests
{
    private static readonly SupportedPipeline[] Text =
    [
        SupportedPipeline.TextGeneration, SupportedPipeline.Text2TextGeneration, SupportedPipeline.Summarization, SupportedPipeline.Translation,
        SupportedPipeline.TextClassification, SupportedPipeline.TokenClassification, SupportedPipeline.FillMask, SupportedPipeline.QuestionAnswering,
        SupportedPipeline.ZeroShotClassification, SupportedPipeline.FeatureExtraction, SupportedPipeline.SentenceSimilarity,
    ];

    [Test]
    public void Every_text_app_loads_once_in_its_dtype_and_runs_its_endpoint_with_stand_in_libraries()
    {
        var python = ((string[])["python3", "/usr/bin/python3"]).FirstOrDefault(p => VisionAppsRunTests.Run(p, ["-c", "import numpy, PIL"]).Code == 0);
        if (python is null)
        {
            Assert.Ignore("no python3 with numpy and Pillow is installed.");
        }

        var folder = Directory.CreateTempSubdirectory("sf-text-apps-").FullName;
        try
        {
            var generator = new GradioAppGenerator();
            foreach (var pipeline in Text)
            {
                foreach (var zeroGpu in (bool[])[false, true])
                {
                    var app = generator.Generate(new GradioAppRequest
                    {
                        Model = RepoId.Parse("org/text-model"),
                        Pipeline = pipeline,
                        Example = pipeline == SupportedPipeline.FillMask ? new ProbeExample("Paris is the [MASK] of France.") : new ProbeExample("Hello", "A context.", ["sport", "politics"]),
                        Labels = pipeline == SupportedPipeline.TextClassification ? ["POSITIVE", "NEGATIVE"] : null,
                        UseZeroGpu = zeroGpu,
                        TorchDtype = zeroGpu ? "bfloat16" : null,
                        Examples = ["A card example", "Another one"],
                    });
                    File.WriteAllText(Path.Combine(folder, $"{pipeline.ToTag()}-{(zeroGpu ? "zerogpu" : "cpu")}.py"), app["app.py"]);
                }
            }

            var (code, output) = VisionAppsRunTests.Run(python, [Path.Combine(AppContext.BaseDirectory, "Fixtures", "standins", "text_apps.py"), folder]);

            Assert.That(code, Is.Zero, output);
            Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("ok ", StringComparison.Ordinal)), Is.EqualTo(Text.Length * 2), output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
