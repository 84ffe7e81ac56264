using System.Text.Json;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Hf.Tests.TestSupport;

namespace SpaceFactory.Hf.Tests.Jobs;

[TestFixture]
public class JobInfoTests
{
    [Test]
    public void The_documented_job_answer_is_read_completely()
    {
        var job = JsonSerializer.Deserialize(JobJson.Running, JobsJsonContext.Default.JobInfo)!;
        Assert.That(job.CreatedAt, Is.EqualTo(new DateTimeOffset(2025, 7, 22, 16, 6, 25, 79, TimeSpan.Zero)));
        Assert.That(job.FinishedAt, Is.Null);
        Assert.That(job.DockerImage, Is.EqualTo("python:3.12"));
        Assert.That(job.SpaceId, Is.Null);
        Assert.That(job.Command, Is.EqualTo(new[] { "python", "-c", "print('Hello from the cloud!')" }));
        Assert.That(job.Flavor, Is.EqualTo(JobFlavor.CpuBasic));
        Assert.That(job.Status.ExposeUrls, Is.EqualTo(new[] { "https://687fb701029421ae5549d998--8000.hf.jobs" }));
        Assert.That(job.Initiator!.Type, Is.EqualTo("user"));
        Assert.That(job.Durations!.SchedulingSeconds, Is.EqualTo(6));
    }

    [TestCase("""{"HF_TOKEN": "whatever", "OTHER": null}""")]
    [TestCase("""["HF_TOKEN", "OTHER"]""")]
    public void Secrets_are_read_as_names_only(string secrets)
    {
        var json = JobJson.With("RUNNING").TrimEnd('}') + ",\"secrets\":" + secrets + "}";
        var job = JsonSerializer.Deserialize(json, JobsJsonContext.Default.JobInfo)!;
        Assert.That(job.SecretNames, Is.EqualTo(new[] { "HF_TOKEN", "OTHER" }));
    }

    [TestCase("COMPLETED", true)]
    [TestCase("CANCELED", true)]
    [TestCase("ERROR", true)]
    [TestCase("DELETED", true)]
    [TestCase("RUNNING", false)]
    [TestCase("SCHEDULING", false)]
    [TestCase("UPDATING", false)]
    [TestCase("SOMETHING_NEW", false)]
    public void Stages_are_an_open_set(string stage, bool terminal)
    {
        var job = JsonSerializer.Deserialize(JobJson.With(stage), JobsJsonContext.Default.JobInfo)!;
        Assert.That(job.Status.Stage.Value, Is.EqualTo(stage));
        Assert.That(job.Status.Stage.IsTerminal, Is.EqualTo(terminal));
        Assert.That(job.Status.Stage == new JobStage(stage), Is.True);
    }

    [Test]
    public void Missing_required_fields_fail_naming_them()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":"1","owner":{"name":"u"}}""", JobsJsonContext.Default.JobInfo));
        Assert.That(error!.Message, Does.Contain("status"));
    }

    [Test]
    public void Flavor_names_are_checked()
    {
        Assert.That(() => new JobFlavor(""), Throws.ArgumentException);
        Assert.That(() => new JobFlavor("t4 small"), Throws.ArgumentException.With.Message.Contains("'t4 small' contains blanks"));
        Assert.That(new JobFlavor("h200x8"), Is.EqualTo(JobFlavor.H200X8));
    }
}
