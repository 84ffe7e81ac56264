using System.Diagnostics;
using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>The environment of a real app, without starting one: the Spaces variables, ZeroGPU, and nothing of the host's but PATH.</summary>
[TestFixture]
public sealed class SpaceProcessEnvironmentTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("spacefactory-env-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private ProcessStartInfo Start(string? hardware)
    {
        var runtime = new SpaceRuntime(new Repo(RepoKind.Space, "alice", "demo", "0123456789abcdef01234567", DateTimeOffset.UnixEpoch)) { RequestedHardware = hardware };
        runtime.Variables["MODE"] = ("fast", null, DateTimeOffset.UnixEpoch);
        runtime.SecretValues["API_KEY"] = "secret-value";
        var start = new ProcessStartInfo("python3");
        start.Environment["HF_TOKEN"] = "hf_inherited_from_the_host";
        SpaceProcessEnvironment.Apply(start, runtime, _folder, 7861);
        return start;
    }

    [TestCase("zero-a10g", true)]
    [TestCase("cpu-basic", false)]
    [TestCase("t4-small", false)]
    public void SPACES_ZERO_GPU_is_set_on_zero_hardware_only(string hardware, bool zero)
        => Assert.That(Start(hardware).Environment.ContainsKey("SPACES_ZERO_GPU"), Is.EqualTo(zero));

    [Test]
    public void The_app_gets_the_spaces_variables_its_own_settings_and_no_host_token()
    {
        var environment = Start("zero-a10g").Environment;

        Assert.Multiple(() =>
        {
            Assert.That(environment.ContainsKey("HF_TOKEN"), Is.False, "the host's environment is cleared");
            Assert.That(environment["SYSTEM"], Is.EqualTo("spaces"));
            Assert.That(environment["SPACE_ID"], Is.EqualTo("alice/demo"));
            Assert.That(environment["SPACE_AUTHOR_NAME"], Is.EqualTo("alice"));
            Assert.That(environment["SPACE_REPO_NAME"], Is.EqualTo("demo"));
            Assert.That(environment["SPACE_HOST"], Is.EqualTo("alice-demo.hf.space"), "no app server yet: the Hub's host name");
            Assert.That(environment["SPACES_ZERO_GPU"], Is.EqualTo("true"));
            Assert.That(environment["MODE"], Is.EqualTo("fast"));
            Assert.That(environment["API_KEY"], Is.EqualTo("secret-value"));
            Assert.That(environment["GRADIO_SERVER_PORT"], Is.EqualTo("7861"));
            Assert.That(environment["HOME"], Does.StartWith(_folder));
        });
    }
}
