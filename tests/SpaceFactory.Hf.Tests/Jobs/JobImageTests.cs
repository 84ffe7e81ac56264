using SpaceFactory.Hf.Jobs;

namespace SpaceFactory.Hf.Tests.Jobs;

[TestFixture]
public class JobImageTests
{
    [TestCase("https://huggingface.co/spaces/lhoestq/duckdb")]
    [TestCase("https://hf.co/spaces/lhoestq/duckdb")]
    [TestCase("huggingface.co/spaces/lhoestq/duckdb")]
    [TestCase("hf.co/spaces/lhoestq/duckdb")]
    public void Parse_recognises_the_space_prefixes(string image)
    {
        var parsed = JobImage.Parse(image);
        Assert.That(parsed.SpaceId, Is.EqualTo(RepoId.Parse("lhoestq/duckdb")));
        Assert.That(parsed.DockerImage, Is.Null);
    }

    [TestCase("python:3.12")]
    [TestCase("ghcr.io/astral-sh/uv:python3.12-bookworm")]
    [TestCase("HF.CO/spaces/x/y")]
    [TestCase("http://hf.co/spaces/x/y")]
    public void Parse_treats_everything_else_as_a_docker_image(string image)
    {
        var parsed = JobImage.Parse(image);
        Assert.That(parsed.DockerImage, Is.EqualTo(image));
        Assert.That(parsed.SpaceId, Is.Null);
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Empty_image_is_rejected_with_a_clear_message(string image)
    {
        var error = Assert.Throws<ArgumentException>(() => JobImage.Parse(image));
        Assert.That(error!.Message, Does.Contain("must not be empty"));
        Assert.That(error.Message, Does.Contain("python:3.12"));
        Assert.That(() => JobImage.FromDockerImage(image), Throws.ArgumentException.With.Message.Contains("must not be empty"));
    }

    [Test]
    public void Invalid_space_ids_and_blanks_are_rejected()
    {
        Assert.That(() => JobImage.Parse("hf.co/spaces/only-name"), Throws.ArgumentException.With.Message.Contains("'only-name' is not a Space id"));
        Assert.That(() => JobImage.Parse("hf.co/spaces/a/b/c"), Throws.ArgumentException.With.Message.Contains("is not a Space id"));
        Assert.That(() => JobImage.FromDockerImage("python 3.12"), Throws.ArgumentException.With.Message.Contains("blank"));
        Assert.That(() => JobImage.FromSpace(RepoId.Parse("name")), Throws.ArgumentException.With.Message.Contains("no namespace"));
    }
}
