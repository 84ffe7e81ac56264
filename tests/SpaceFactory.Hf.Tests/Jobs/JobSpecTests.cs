using System.Text.Json;
using System.Text.Json.Nodes;
using SpaceFactory.Hf.Jobs;

namespace SpaceFactory.Hf.Tests.Jobs;

[TestFixture]
public class JobSpecTests
{
    private static JsonNode Body(JobSpec spec) =>
        JsonNode.Parse(JsonSerializer.Serialize(JobSpecValidator.ToRequest(spec), JobsJsonContext.Default.JobSpecRequest))!;

    [Test]
    public void Request_matches_the_python_client_byte_for_byte_in_meaning()
    {
        // Reference traffic, Appendix A: POST /api/jobs/testuser of huggingface_hub 1.29.
        var spec = new JobSpec
        {
            Image = JobImage.Parse("python:3.12"),
            Command = ["python", "-c", "print('hi')"],
            Environment = new Dictionary<string, string> { ["A"] = "1" },
            Secrets = new Dictionary<string, JobSecret> { ["S"] = JobSecret.FromValue("x") },
            Timeout = JobTimeout.Parse("300"),
        };
        var expected = JsonNode.Parse("""
            {"command": ["python", "-c", "print('hi')"], "arguments": [], "environment": {"A": "1"}, "flavor": "cpu-basic", "secrets": {"S": "x"}, "timeoutSeconds": 300, "labels": {"name": "python-3-12-5c1fcc4a"}, "dockerImage": "python:3.12"}
            """);
        var body = Body(spec);
        Assert.That(JsonNode.DeepEquals(body, expected), Is.True, body.ToJsonString());
        Assert.That(body.AsObject().Select(p => p.Key), Is.EqualTo(expected!.AsObject().Select(p => p.Key)), "same field order");
    }

    [Test]
    public void Request_of_the_cli_example_with_volume_and_name()
    {
        // §2.2: hf jobs run --name demo -s HF_TOKEN -v hf://buckets/me1/out:/output --timeout 15m python:3.12 python x.py
        var spec = new JobSpec
        {
            Image = JobImage.Parse("python:3.12"),
            Command = ["python", "x.py"],
            Secrets = new Dictionary<string, JobSecret> { ["HF_TOKEN"] = JobSecret.FromValue("hf_xxx") },
            Timeout = JobTimeout.Parse("15m"),
            Name = "demo",
            Volumes = [JobVolume.Parse("hf://buckets/me1/out:/output")],
        };
        var expected = JsonNode.Parse("""
            {"command":["python","x.py"],"arguments":[],"environment":{},"flavor":"cpu-basic",
             "secrets":{"HF_TOKEN":"hf_xxx"},"timeoutSeconds":900,"labels":{"name":"demo"},
             "volumes":[{"type":"bucket","source":"me1/out","mountPath":"/output"}],"dockerImage":"python:3.12"}
            """);
        Assert.That(JsonNode.DeepEquals(Body(spec), expected), Is.True, Body(spec).ToJsonString());
    }

    [Test]
    public void Space_image_is_sent_as_spaceId_and_optional_fields_are_left_out()
    {
        var body = Body(new JobSpec { Image = JobImage.Parse("hf.co/spaces/lhoestq/duckdb"), Command = ["duckdb"], Flavor = JobFlavor.A10GSmall });
        Assert.That(body["spaceId"]!.GetValue<string>(), Is.EqualTo("lhoestq/duckdb"));
        Assert.That(body["flavor"]!.GetValue<string>(), Is.EqualTo("a10g-small"));
        Assert.That(body.AsObject().ContainsKey("dockerImage"), Is.False);
        Assert.That(body.AsObject().ContainsKey("secrets"), Is.False);
        Assert.That(body.AsObject().ContainsKey("timeoutSeconds"), Is.False);
        Assert.That(body.AsObject().ContainsKey("volumes"), Is.False);
        Assert.That(body["labels"]!["name"]!.GetValue<string>(), Does.StartWith("lhoestq-duckdb-"));
    }

    [Test]
    public void Default_name_follows_the_python_client()
    {
        // Appendix A: scheduled job with python:3.12 and ["python","-c","print(1)"] got python-3-12-3212e188.
        var body = Body(new JobSpec { Image = JobImage.Parse("python:3.12"), Command = ["python", "-c", "print(1)"] });
        Assert.That(body["labels"]!["name"]!.GetValue<string>(), Is.EqualTo("python-3-12-3212e188"));

        var labelled = Body(new JobSpec { Image = JobImage.Parse("python:3.12"), Labels = new Dictionary<string, string> { ["name"] = "mine", ["env"] = "prod" } });
        Assert.That(labelled["labels"]!.ToJsonString(), Is.EqualTo("""{"name":"mine","env":"prod"}"""));

        var longImage = Body(new JobSpec { Image = JobImage.Parse("registry.example/" + new string('a', 150) + ":1") });
        Assert.That(longImage["labels"]!["name"]!.GetValue<string>(), Has.Length.EqualTo(100));
    }

    [TestCase("bad key", "x", "label key 'bad key' contains ' '")]
    [TestCase("", "x", "label key must not be empty")]
    [TestCase("env", "a/b", "the value of label 'env' 'a/b' contains '/'")]
    [TestCase("k:v", "x", "contains ':'")]
    public void Bad_labels_are_rejected_naming_the_label(string key, string value, string expected)
    {
        var spec = new JobSpec { Image = JobImage.Parse("python:3.12"), Labels = new Dictionary<string, string> { [key] = value } };
        var error = Assert.Throws<ArgumentException>(() => JobSpecValidator.ToRequest(spec));
        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public void Label_longer_than_100_characters_is_rejected()
    {
        var spec = new JobSpec { Image = JobImage.Parse("python:3.12"), Labels = new Dictionary<string, string> { ["k"] = new string('v', 101) } };
        Assert.That(() => JobSpecValidator.ToRequest(spec), Throws.ArgumentException.With.Message.Contains("at most 100"));
    }

    [Test]
    public void Other_mistakes_are_named()
    {
        var image = JobImage.Parse("python:3.12");
        Assert.That(() => JobSpecValidator.ToRequest(new JobSpec { Image = image, Name = "a", Labels = new Dictionary<string, string> { ["name"] = "b" } }),
            Throws.ArgumentException.With.Message.Contains("Name and Labels[\"name\"] are both set"));
        Assert.That(() => JobSpecValidator.ToRequest(new JobSpec { Image = image, Name = "my job" }),
            Throws.ArgumentException.With.Message.Contains("the Job name 'my job' contains ' '"));
        Assert.That(() => JobSpecValidator.ToRequest(new JobSpec { Image = image, Environment = new Dictionary<string, string> { ["A=B"] = "1" } }),
            Throws.ArgumentException.With.Message.Contains("'A=B' contains '='"));
        Assert.That(() => JobSpecValidator.ToRequest(new JobSpec { Image = image, Volumes = [JobVolume.Parse("hf://buckets/a/b:/o"), JobVolume.Parse("hf://a/m:/o")] }),
            Throws.ArgumentException.With.Message.Contains("Volumes[1] mounts at '/o'"));
        Assert.That(() => JobSpecValidator.ToRequest(new JobSpec { Image = image, Timeout = default(JobTimeout) }),
            Throws.ArgumentException.With.Message.Contains("Timeout is the default"));
        Assert.That(() => JobSpecValidator.ToRequest(new JobSpec { Image = image, Flavor = default }),
            Throws.ArgumentException.With.Message.Contains("Flavor is unset"));
        Assert.That(() => JobSpecValidator.ToRequest(new JobSpec { Image = image, Command = ["python", null!] }),
            Throws.ArgumentException.With.Message.Contains("Command[1] is null"));
    }
}
