using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SpaceFactory.Core;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Recipes;
using SpaceFactory.Sandbox.Llm;

namespace SpaceFactory.EndToEnd.Tests.Agents;

/// <summary>
/// An agent that fails, hangs, leaks or disobeys: each run fails with its reason, whatever the agent said, and the
/// token reaches no recorded file (every fixture sweeps its records and the Sandbox for the canary on dispose).
/// </summary>
[TestFixture]
[Category("pi")]
[Parallelizable(ParallelScope.All)]
public class PiMisbehaviourTests
{
    [Test]
    public async Task AModelErrorWithExitCodeZero_FailsTheRun()
    {
        await using var fixture = await PiFixture.StartAsync("broken-model",
            sandbox: o => o.LlmScripts["broken-model"] = new LlmScript([new LlmTurn.HttpError(401, "Invalid credentials in Authorization header")]));
        var result = await fixture.RunAsync(FactoryRecipes.PiEdit);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.AgentFailed));
        Assert.That(result.Outcome.Reason, Does.Contain("the model call failed: 401"));
        var transcript = await File.ReadAllTextAsync(Path.Combine(fixture.RunFolder(result.RunId), "logs/pi_output.txt"));
        Assert.That(transcript, Does.Contain("[end] exit code 0, stop reason error"), "pi's json mode exits 0 on a failed model call: the wrapper must not trust it");
        Assert.That(fixture.Sandbox.Inspector.GetRequestCount("POST", "/api/repos/create"), Is.Zero, "nothing is deployed");
    }

    [Test]
    public async Task AHungAgent_IsStoppedAtItsTimeLimit()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fixture = await PiFixture.StartAsync("hung-model",
            sandbox: o => o.LlmScripts["hung-model"] = new LlmScript([new LlmTurn.Hang()]),
            pi: o => o.TimeLimit = TimeSpan.FromMinutes(10),
            services: s => s.AddSingleton<TimeProvider>(time));
        var run = fixture.RunAsync(FactoryRecipes.PiEdit);

        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await fixture.Sandbox.Inspector.WaitForHangingLlmRequestAsync(patience.Token);
        time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var result = await run.WaitAsync(patience.Token);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.AgentFailed));
        Assert.That(result.Outcome.Reason, Does.Contain("stopped at its time limit"));
        var transcript = await File.ReadAllTextAsync(Path.Combine(fixture.RunFolder(result.RunId), "logs/pi_output.txt"));
        Assert.That(transcript, Does.Contain("[end] exit code 143"), "SIGTERM, which pi answers with 143");
        Assert.That(fixture.Sandbox.Inspector.HangingLlmRequests, Is.Zero, "the hung request was released when pi stopped");
    }

    [Test]
    public async Task AnAgentThatEchoesTheToken_LeavesItInNoRecordedFile()
    {
        await using var fixture = await PiFixture.StartAsync("leaky-model",
            sandbox: o => o.LlmScripts["leaky-model"] = new LlmScript(
                [new LlmTurn.ToolCall("bash", """{"command":"echo token=$HF_TOKEN; env | grep -i token"}"""), .. BuiltInAgentScripts.Deploy.Turns]));
        var result = await fixture.RunAsync(FactoryRecipes.PiRecipe);

        Assert.That(result.Status, Is.EqualTo(RunStatus.Succeeded), result.Outcome?.Reason);
        var transcript = await File.ReadAllTextAsync(Path.Combine(fixture.RunFolder(result.RunId), "logs/pi_output.txt"));
        Assert.That(transcript, Does.Contain("token=[REDACTED]"), "the agent did print it; the record holds the mask");
        var redacted = await File.ReadAllTextAsync(Path.Combine(fixture.RunFolder(result.RunId), "traces/redacted/deploy.jsonl"));
        Assert.That(redacted, Does.Contain("token=[REDACTED]"));
        Assert.That(SecretCanary.Find(fixture.RunFolder(result.RunId)).Leaks, Is.Empty);
    }

    [Test]
    public async Task AnAgentThatEditsAFileItWasNotAllowedTo_FailsTheRunBeforeAnythingIsDeployed()
    {
        await using var fixture = await PiFixture.StartAsync("overreach-model",
            sandbox: o => o.LlmScripts["overreach-model"] = new LlmScript(
            [
                new LlmTurn.ToolCall("write", """{"path":"requirements.txt","content":"gradio\nrequests\n"}"""),
                .. BuiltInAgentScripts.SafeEdit.Turns,
            ]));
        var result = await fixture.RunAsync(FactoryRecipes.PiEdit);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.AgentPolicyViolation));
        Assert.That(result.Outcome.Reason, Does.Contain("changed requirements.txt, which it was not allowed to edit"));
        Assert.That(fixture.Sandbox.Inspector.GetRequestCount("POST", "/api/repos/create"), Is.Zero);
    }

    [Test]
    public async Task AnAgentThatMakesTheSpacePublic_FailsTheRun_AndTheSpaceIsMadePrivate()
    {
        await using var fixture = await PiFixture.StartAsync("public-model",
            sandbox: o => o.LlmScripts["public-model"] = new LlmScript(
            [
                new LlmTurn.ToolCall("bash", """{"command":"hf repo create {{space}} --repo-type space --space-sdk gradio"}"""),
                BuiltInAgentScripts.Deploy.Turns[1],
                new LlmTurn.Text("Done: the Space is private."),
            ]));
        var result = await fixture.RunAsync(FactoryRecipes.PiRecipe, ("space", "went-public"));

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.AgentPolicyViolation));
        Assert.That(result.Outcome.Reason, Does.Contain("as a public Space"));
        var info = await fixture.Services.GetRequiredService<HubClient>().GetSpaceInfoAsync(RepoId.Parse(fixture.Sandbox.DefaultUser + "/went-public"));
        Assert.That(info.Private, Is.True, "contained by the wrapper");
        var events = await File.ReadAllTextAsync(Path.Combine(fixture.RunFolder(result.RunId), "events.jsonl"));
        Assert.That(events, Does.Contain("\"space_made_private\""));
    }

    [Test]
    public async Task AnAgentThatUploadsOnlyPartOfTheApp_FailsTheRunNamingTheMissingFiles()
    {
        await using var fixture = await PiFixture.StartAsync("partial-model",
            sandbox: o => o.LlmScripts["partial-model"] = new LlmScript(
            [
                BuiltInAgentScripts.Deploy.Turns[0],
                new LlmTurn.ToolCall("bash", """{"command":"hf upload {{space}} app.py app.py --repo-type space"}"""),
                new LlmTurn.Text("All files uploaded."),
            ]));
        var result = await fixture.RunAsync(FactoryRecipes.PiRecipe);

        Assert.That(result.Outcome!.Code, Is.EqualTo(OutcomeCode.AgentPolicyViolation));
        Assert.That(result.Outcome.Reason, Does.Contain("requirements.txt is missing").And.Contain("spacefactory_manifest.json is missing"));
    }
}
