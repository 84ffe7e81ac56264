using SpaceFactory.Phases.Agents;

namespace SpaceFactory.Phases.Tests.Agents;

[TestFixture]
public class PiRunResultTests
{
    [TestCase(0, "stop", null, false, true, null)]
    [TestCase(0, "error", "401 Invalid credentials", false, false, "the model call failed: 401 Invalid credentials")]
    [TestCase(0, "toolUse", null, false, false, "the agent's final answer ended with stop reason 'toolUse'")]
    [TestCase(0, null, null, false, false, "the agent produced no final answer")]
    [TestCase(1, "stop", null, false, false, "pi exited with code 1")]
    [TestCase(143, "stop", null, true, false, "the agent was stopped at its time limit after 600 s")]
    public void Succeeded_NeedsExitCodeZero_AndAFinalAnswerThatStoppedWithoutError(int exitCode, string? stopReason, string? error, bool timedOut, bool succeeded, string? reason)
    {
        var result = new PiRunResult { ExitCode = exitCode, StopReason = stopReason, ErrorMessage = error, TimedOut = timedOut, Duration = TimeSpan.FromMinutes(10) };
        Assert.That(result.Succeeded, Is.EqualTo(succeeded));
        Assert.That(result.FailureReason, Is.EqualTo(reason));
    }
}
