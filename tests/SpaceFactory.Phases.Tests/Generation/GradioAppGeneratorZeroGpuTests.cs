using SpaceFactory.Hf;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Tests.Generation;

[TestFixture]
public class GradioAppGeneratorZeroGpuTests
{
    [Test]
    public void ZeroGpu_apps_borrow_a_gpu_per_call()
    {
        var app = new GradioAppGenerator().Generate(new GradioAppRequest
        {
            Model = RepoId.Parse("org/big-model"),
            Pipeline = SupportedPipeline.TextGeneration,
            Example = new ProbeExample("Hi"),
            UseZeroGpu = true,
        });

        Assert.That(app["app.py"], Does.Contain("import spaces\n"));
        Assert.That(app["app.py"], Does.Contain("pipe = pipeline(TASK, model=MODEL_ID, torch_dtype=TORCH_DTYPE, device=\"cuda\")\n\n\n@spaces.GPU(duration=60)\ndef generate("));
    }

    [Test]
    public void Cpu_apps_do_not_import_spaces()
    {
        var app = new GradioAppGenerator().Generate(new GradioAppRequest
        {
            Model = RepoId.Parse("org/small-model"),
            Pipeline = SupportedPipeline.TextGeneration,
            Example = new ProbeExample("Hi"),
        });

        Assert.That(app["app.py"], Does.Not.Contain("spaces"));
    }
}
