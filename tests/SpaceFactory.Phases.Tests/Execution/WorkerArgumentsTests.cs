using SpaceFactory.Core;
using SpaceFactory.Phases.Execution;

namespace SpaceFactory.Phases.Tests.Execution;

/// <summary>What the executor builds is what the worker parses: one contract.</summary>
[TestFixture]
public sealed class WorkerArgumentsTests
{
    private static readonly RunId Id = RunId.Parse("20261123T221749Z-k3m7q2ab");

    [Test]
    public void Built_arguments_parse_back_to_the_same_invocation()
    {
        var invocation = new WorkerInvocation("model-card", Id, "/output/team")
        {
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["model"] = "org/m", ["note"] = "a=b c", ["empty"] = string.Empty },
            Target = "me/demo",
            Resume = true,
        };

        var args = WorkerArguments.Build(invocation);
        var parsed = WorkerArguments.Parse(args);

        Assert.That(args, Is.EqualTo(new[]
        {
            "--recipe", "model-card", "--run-id", Id.Value, "--record", "/output/team", "--target", "me/demo",
            "--param", "model=org/m", "--param", "note=a=b c", "--param", "empty=", "--resume",
        }));
        Assert.That(parsed.Recipe, Is.EqualTo("model-card"));
        Assert.That(parsed.RunId, Is.EqualTo(Id));
        Assert.That(parsed.RecordRoot, Is.EqualTo("/output/team"));
        Assert.That(parsed.Target, Is.EqualTo("me/demo"));
        Assert.That(parsed.Resume, Is.True);
        Assert.That(parsed.Parameters, Is.EqualTo(invocation.Parameters));
        Assert.That(parsed.Parameters.Keys, Is.EqualTo(new[] { "model", "note", "empty" }), "order is kept");
    }

    [Test]
    public void A_plain_run_round_trips_without_target_parameters_or_resume()
    {
        var parsed = WorkerArguments.Parse(WorkerArguments.Build(new WorkerInvocation("job-smoke", Id, "/output")));

        Assert.That(parsed.Target, Is.Null);
        Assert.That(parsed.Resume, Is.False);
        Assert.That(parsed.Parameters, Is.Empty);
    }

    [TestCase(new[] { "--recipe", "r", "--record", "/o" }, "--run-id is required")]
    [TestCase(new[] { "--run-id", "20261123T221749Z-k3m7q2ab", "--record", "/o" }, "--recipe is required")]
    [TestCase(new[] { "--recipe", "r", "--run-id", "yesterday", "--record", "/o" }, "--run-id 'yesterday' is not a run id")]
    [TestCase(new[] { "--recipe", "r", "--run-id", "20261123T221749Z-k3m7q2ab", "--record" }, "--record needs a value")]
    [TestCase(new[] { "--recipe", "r", "--recipe", "s", "--run-id", "20261123T221749Z-k3m7q2ab", "--record", "/o" }, "--recipe is given twice")]
    [TestCase(new[] { "--recipe", "r", "--run-id", "20261123T221749Z-k3m7q2ab", "--record", "/o", "--param", "novalue" }, "--param 'novalue' is not name=value")]
    [TestCase(new[] { "--recipe", "r", "--run-id", "20261123T221749Z-k3m7q2ab", "--record", "/o", "--token", "x" }, "'--token' is not a worker argument")]
    public void Bad_arguments_are_refused_naming_what_is_wrong(string[] args, string message)
    {
        var error = Assert.Throws<WorkerArgumentsException>(() => WorkerArguments.Parse(args));

        Assert.That(error!.Message, Does.StartWith(message));
    }
}
