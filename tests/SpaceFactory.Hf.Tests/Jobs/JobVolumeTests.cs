using System.Text.Json;
using System.Text.Json.Nodes;
using SpaceFactory.Hf.Jobs;

namespace SpaceFactory.Hf.Tests.Jobs;

[TestFixture]
public class JobVolumeTests
{
    // The CLI string → Volume JSON table of the protocol reference (§2.4), plus the special revision refs.
    [TestCase("hf://buckets/ns/name:/output", """{"type":"bucket","source":"ns/name","mountPath":"/output"}""")]
    [TestCase("hf://buckets/ns/name:/mnt:ro", """{"type":"bucket","source":"ns/name","mountPath":"/mnt","readOnly":true}""")]
    [TestCase("hf://buckets/ns/b/sub/dir:/mnt:rw", """{"type":"bucket","source":"ns/b","mountPath":"/mnt","readOnly":false,"path":"sub/dir"}""")]
    [TestCase("hf://org/model:/data", """{"type":"model","source":"org/model","mountPath":"/data"}""")]
    [TestCase("hf://models/org/model:/data:ro", """{"type":"model","source":"org/model","mountPath":"/data","readOnly":true}""")]
    [TestCase("hf://datasets/org/ds@v1/train:/data", """{"type":"dataset","source":"org/ds","mountPath":"/data","revision":"v1","path":"train"}""")]
    [TestCase("hf://datasets/org/ds/train:/data", """{"type":"dataset","source":"org/ds","mountPath":"/data","path":"train"}""")]
    [TestCase("hf://spaces/org/app:/app", """{"type":"space","source":"org/app","mountPath":"/app"}""")]
    [TestCase("hf://datasets/org/ds@refs/pr/3/train:/data", """{"type":"dataset","source":"org/ds","mountPath":"/data","revision":"refs/pr/3","path":"train"}""")]
    [TestCase("hf://datasets/org/ds@refs/convert/parquet:/data", """{"type":"dataset","source":"org/ds","mountPath":"/data","revision":"refs/convert/parquet"}""")]
    [TestCase("hf://datasets/org/ds@feature%2Ffoo/x:/data", """{"type":"dataset","source":"org/ds","mountPath":"/data","revision":"feature/foo","path":"x"}""")]
    [TestCase("hf://org/model/file@1.txt:/data", """{"type":"model","source":"org/model","mountPath":"/data","path":"file@1.txt"}""")]
    [TestCase("hf://buckets/ns/name/:/output", """{"type":"bucket","source":"ns/name","mountPath":"/output"}""")]
    public void Parse_gives_the_volume_json_of_the_cli(string mount, string json)
    {
        var volume = JobVolume.Parse(mount);
        var written = JsonSerializer.Serialize(volume, JobsJsonContext.Default.JobVolume);
        Assert.That(written, Is.EqualTo(json));
        Assert.That(JobVolume.Parse(volume.ToString()), Is.EqualTo(volume), "ToString parses back to the same volume");
    }

    [TestCase("buckets/ns/name:/output", "must start with 'hf://'")]
    [TestCase("./local_dir:/inputs", "local folders cannot be mounted directly")]
    [TestCase("hf://", "nothing follows 'hf://'")]
    [TestCase("hf://buckets/ns/name", "mount path is missing")]
    [TestCase("hf://buckets/ns/name:ro", "':ro'/':rw' is only valid after a mount path")]
    [TestCase("hf://buckets/ns/name:/", "absolute path other than '/'")]
    [TestCase("hf://buckets/ns:/out", "bucket id must be 'namespace/name'")]
    [TestCase("hf://buckets/:/out", "an id 'namespace/name' must follow 'buckets/'")]
    [TestCase("hf://buckets/ns/name@v1:/out", "buckets have no revisions")]
    [TestCase("hf://bucket/ns/name:/out", "must be plural: 'buckets/'")]
    [TestCase("hf://dataset/org/ds:/data", "must be plural: 'datasets/'")]
    [TestCase("hf://kernels/org/k:/k", "not supported by the Jobs API")]
    [TestCase("hf://datasets/org/ds:/data:rw", "always read-only")]
    [TestCase("hf://org:/data", "must be 'namespace/name'")]
    [TestCase("hf://datasets/org/ds@/train:/data", "revision after '@' is empty")]
    [TestCase("hf://buckets/ns/na me:/out", "contains ' '")]
    [TestCase("hf://buckets/ns/name/a//b:/out", "empty segments")]
    [TestCase(":/out", "must start with 'hf://'")]
    public void Parse_rejects_malformed_strings_saying_what_is_wrong(string mount, string expected)
    {
        var error = Assert.Throws<FormatException>(() => JobVolume.Parse(mount));
        Assert.That(error!.Message, Does.Contain(expected));
        Assert.That(error.Message, Does.Contain($"'{mount}'"), "the message quotes the string");
        Assert.That(JobVolume.TryParse(mount, out _, out var tryError), Is.False);
        Assert.That(tryError, Is.EqualTo(error.Message));
    }

    [Test]
    public void Factories_validate_and_write_the_wire_form()
    {
        var bucket = JobVolume.Bucket(RepoId.Parse("me1/out"), "/output", path: "runs/42/");
        Assert.That(JsonSerializer.Serialize(bucket, JobsJsonContext.Default.JobVolume),
            Is.EqualTo("""{"type":"bucket","source":"me1/out","mountPath":"/output","path":"runs/42"}"""));

        var model = JobVolume.Repository(RepoType.Model, RepoId.Parse("org/m"), "/models", revision: "v2");
        Assert.That(model.ToString(), Is.EqualTo("hf://models/org/m@v2:/models"));

        Assert.That(() => JobVolume.Bucket(RepoId.Parse("out"), "/output"), Throws.ArgumentException.With.Message.Contains("no namespace"));
        Assert.That(() => JobVolume.Bucket(RepoId.Parse("me/out"), "output"), Throws.ArgumentException.With.Message.Contains("absolute path"));
        Assert.That(() => JobVolume.Bucket(RepoId.Parse("me/out"), "/o", path: "/abs"), Throws.ArgumentException.With.Message.Contains("must not start with '/'"));
    }

    [Test]
    public void Reading_a_response_accepts_snake_case_and_defaults_to_model()
    {
        var volume = JsonSerializer.Deserialize("""{"source":"org/m","mount_path":"/m","read_only":true,"extra":{"a":1}}""", JobsJsonContext.Default.JobVolume)!;
        Assert.That(volume.Type, Is.EqualTo(JobVolumeType.Model));
        Assert.That(volume.MountPath, Is.EqualTo("/m"));
        Assert.That(volume.ReadOnly, Is.True);

        var unknown = JsonSerializer.Deserialize("""{"type":"kernel","source":"org/k","mountPath":"/k"}""", JobsJsonContext.Default.JobVolume)!;
        Assert.That(unknown.Type.Value, Is.EqualTo("kernel"));
        Assert.That(JsonNode.Parse(JsonSerializer.Serialize(unknown, JobsJsonContext.Default.JobVolume))!["type"]!.GetValue<string>(), Is.EqualTo("kernel"));
    }
}
